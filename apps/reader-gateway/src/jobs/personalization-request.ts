import type { PersonalizationData } from '@bitaqa/card';
import type { EventData, PersonalizationRequested } from '@bitaqa/contracts';

export type PersonalizationRequest = EventData<typeof PersonalizationRequested.type>;

/** Maps the card authority's request to the card library's personalization data. */
export function toPersonalizationData(request: PersonalizationRequest): PersonalizationData {
  const { holder } = request;

  return {
    cardNumber: request.cardNumber,
    expiryDate: request.expiryDate,
    holder: {
      arabicName: {
        family: holder.familyNameAr,
        father: holder.fatherNameAr,
        given: holder.givenNameAr,
      },
      birthDate: holder.birthDate,
      familyId: holder.familyId,
      governoratePcode: holder.governorate,
      latinName: { family: holder.familyNameLatin, given: holder.givenNameLatin },
      nationalNumber: holder.nationalNumber,
      sex: holder.sex,
    },
  };
}
