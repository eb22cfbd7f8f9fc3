import { getOk } from './http-json';
import { pickCouple, runCivilStep, type CivilStepResult } from './civil-step';
import { runIdentityStep, type IdentityStepResult } from './identity-step';
import type { RunningPlatform } from './platform';

export interface RegistryStepResult {
  /** Card of the divorced husband, left out of the later steps because his family changed. */
  cardNumber: string;
  civil: CivilStepResult;
  identity: IdentityStepResult;
}

interface CardView {
  familyId: string | null;
  nationalNumber: string;
}

/**
 * Runs the civil records and identity registry step on the family of the first card holder
 * whose book has exactly one wife and a child. Returns undefined when no family fits.
 */
export async function runRegistryStep(
  platform: RunningPlatform,
  cardNumbers: string[],
  documentsDir: string,
): Promise<RegistryStepResult | undefined> {
  const civilUrl = platform.url('civil-records');
  const filedBefore = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

  for (const cardNumber of cardNumbers) {
    const card = await getOk<CardView>(`${platform.url('card-authority')}/cards/${cardNumber}`);
    const couple = await pickCouple(civilUrl, [card], filedBefore);

    if (!couple) continue;

    const civil = await runCivilStep(civilUrl, couple, documentsDir);
    const identity = await runIdentityStep(
      platform.url('identity-registry'),
      platform.operatorKey,
      platform.sms,
      { ...civil.person, formerGivenNameAr: civil.correction.from },
    );

    return { cardNumber, civil, identity };
  }

  return undefined;
}
