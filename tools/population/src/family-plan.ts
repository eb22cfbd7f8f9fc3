import { districtsOf, subDistrictsOf, type Governorate } from '@bitaqa/reference-data';

import { addYears, fromDay, toDay } from './dates';
import type { NamePicker } from './name-picker';
import type { Random } from './random';
import type { BirthRow, DeathRow, FamilyRecords, PersonRow } from './types';

/** Every generated date lies before this day. */
export const CUTOFF_DATE = '2026-12-01';

const ADULT_BIRTH_FIRST = '1950-01-01';
const ADULT_BIRTH_LAST = '2000-12-31';
const MARRIAGE_MIN_AGE = 18;
const MARRIAGE_MAX_AGE = 35;
const MOTHER_MAX_AGE = 45;
const SECOND_WIFE_SHARE = 0.12;
/** Share of families whose register also lists an unmarried brother or sister of the husband. */
const SIBLING_SHARE = 0.4;
const SIBLING_MAX_AGE_GAP_YEARS = 10;
const DEATH_SHARE = 0.02;

/** Relative frequency of 0 to 7 children per wife. */
const CHILD_COUNT_WEIGHTS = [6, 10, 18, 22, 18, 12, 8, 6];

export interface FamilyPlanInput {
  governorate: Governorate;
  /** Prefix of every externalRef of this family, such as `S42-F000017`. */
  refPrefix: string;
  /** Governorates a spouse may come from when not from the family's own. */
  registrationGovernorates: readonly Governorate[];
}

interface Adult {
  lastEventDay: number;
  row: PersonRow;
}

/** Picks a random day in [first, last]; undefined when the range is empty. */
function dayBetween(random: Random, first: number, last: number): number | undefined {
  if (last < first) return undefined;

  return random.int(first, last);
}

/** Builds the four kinds of rows for one family, drawing every choice from `random`. */
export class FamilyPlanner {
  constructor(
    private readonly random: Random,
    private readonly names: NamePicker,
  ) {}

  plan(input: FamilyPlanInput): FamilyRecords {
    const cutoff = toDay(CUTOFF_DATE) - 1;
    const husband = this.adult(input, 'M', `${input.refPrefix}-H`, {
      first: toDay(ADULT_BIRTH_FIRST),
      last: toDay(ADULT_BIRTH_LAST),
    });
    const records: FamilyRecords = {
      births: [],
      deaths: [],
      governorate: input.governorate.pcode,
      marriages: [],
      persons: [husband.row],
    };
    const sibling = this.maybeSibling(input, husband);

    if (sibling) records.persons.push(sibling.row);

    const wives = this.marriagesAndChildren(input, husband, records, cutoff);

    for (const adult of [husband, ...wives, ...(sibling ? [sibling] : [])]) {
      const death = this.maybeDeath(adult, cutoff);

      if (death) records.deaths.push(death);
    }

    return records;
  }

  /**
   * Marries the husband once, or for some families twice, and adds each wife's children.
   * Tracks every adult's last event so that a death comes after it.
   */
  private marriagesAndChildren(
    input: FamilyPlanInput,
    husband: Adult,
    records: FamilyRecords,
    cutoff: number,
  ): Adult[] {
    const firstMarriage = dayBetween(
      this.random,
      toDay(addYears(husband.row.birthDate, MARRIAGE_MIN_AGE)),
      Math.min(toDay(addYears(husband.row.birthDate, MARRIAGE_MAX_AGE)), cutoff),
    ) as number;
    const husbandBirth = toDay(husband.row.birthDate);
    const childNames = new Set<string>();
    const wives: Adult[] = [];

    for (const [number, marriageDay] of this.marriageDays(firstMarriage, husbandBirth, cutoff)) {
      const wife = this.wife(input, `${input.refPrefix}-W${number}`, marriageDay);

      if (!wife) continue;

      wives.push(wife);
      records.persons.push(wife.row);
      records.marriages.push({
        date: fromDay(marriageDay),
        husbandRef: husband.row.externalRef,
        wifeRef: wife.row.externalRef,
      });
      husband.lastEventDay = Math.max(husband.lastEventDay, marriageDay);
      wife.lastEventDay = marriageDay;

      for (const birth of this.children(
        input,
        husband,
        wife,
        marriageDay,
        childNames,
        records.births.length,
      )) {
        records.births.push(birth);
        husband.lastEventDay = Math.max(husband.lastEventDay, toDay(birth.birthDate));
        wife.lastEventDay = Math.max(wife.lastEventDay, toDay(birth.birthDate));
      }
    }

    return wives;
  }

  /** Marriage days of the husband: the first, and for some families a second one. */
  private marriageDays(first: number, husbandBirth: number, cutoff: number): [number, number][] {
    const days: [number, number][] = [[1, first]];

    if (this.random.chance(SECOND_WIFE_SHARE)) {
      const second = dayBetween(
        this.random,
        first + 365,
        Math.min(husbandBirth + 50 * 365, cutoff),
      );

      if (second !== undefined) days.push([2, second]);
    }

    return days;
  }

  private adult(
    input: FamilyPlanInput,
    sex: 'F' | 'M',
    externalRef: string,
    birthRange: { first: number; last: number },
  ): Adult {
    const birthDay = this.random.int(birthRange.first, birthRange.last);
    const familyNameAr = this.names.family();
    const registration =
      sex === 'M' || this.random.chance(0.8)
        ? input.governorate
        : this.random.pick(input.registrationGovernorates);

    return {
      lastEventDay: toDay(addYears(fromDay(birthDay), MARRIAGE_MIN_AGE)),
      row: {
        birthDate: fromDay(birthDay),
        birthPlace: this.placeIn(registration),
        externalRef,
        familyNameAr,
        fatherNameAr: this.names.given('M'),
        givenNameAr: this.names.given(sex),
        grandfatherNameAr: this.names.given('M'),
        motherNameAr: `${this.names.given('F')} ${this.names.family()}`,
        registrationGovernorate: registration.pcode,
        sex,
      },
    };
  }

  /** Sometimes an unmarried brother or sister of the husband: same parents, born near him. */
  private maybeSibling(input: FamilyPlanInput, husband: Adult): Adult | undefined {
    if (!this.random.chance(SIBLING_SHARE)) return undefined;

    const gapDays = SIBLING_MAX_AGE_GAP_YEARS * 365;
    const husbandBirth = toDay(husband.row.birthDate);
    const sibling = this.adult(
      input,
      this.random.chance(0.5) ? 'M' : 'F',
      `${input.refPrefix}-S1`,
      {
        first: Math.max(toDay(ADULT_BIRTH_FIRST), husbandBirth - gapDays),
        last: Math.min(toDay(ADULT_BIRTH_LAST), husbandBirth + gapDays),
      },
    );

    sibling.row = {
      ...sibling.row,
      familyNameAr: husband.row.familyNameAr,
      givenNameAr: this.names.given(sibling.row.sex, new Set([husband.row.givenNameAr])),
      fatherNameAr: husband.row.fatherNameAr,
      grandfatherNameAr: husband.row.grandfatherNameAr,
      motherNameAr: husband.row.motherNameAr,
      registrationGovernorate: husband.row.registrationGovernorate,
    };

    return sibling;
  }

  /** A wife aged 18-35 on the marriage day, born 1950-2000, or undefined if none fits. */
  private wife(
    input: FamilyPlanInput,
    externalRef: string,
    marriageDay: number,
  ): Adult | undefined {
    const marriageDate = fromDay(marriageDay);
    const first = Math.max(
      toDay(ADULT_BIRTH_FIRST),
      toDay(addYears(marriageDate, -MARRIAGE_MAX_AGE)) + 1,
    );
    const last = Math.min(
      toDay(ADULT_BIRTH_LAST),
      toDay(addYears(marriageDate, -MARRIAGE_MIN_AGE)),
    );

    if (last < first) return undefined;

    return this.adult(input, 'F', externalRef, { first, last });
  }

  /** Children of one wife, born after the marriage while she is at most 45, before the cutoff. */
  private children(
    input: FamilyPlanInput,
    father: Adult,
    mother: Adult,
    marriageDay: number,
    takenNames: Set<string>,
    numberedBefore: number,
  ): BirthRow[] {
    const childCount = this.random.weighted(
      CHILD_COUNT_WEIGHTS.map((weight, count) => ({ count, weight })),
      (entry) => entry.weight,
    ).count;
    const lastDay = Math.min(
      toDay(CUTOFF_DATE) - 1,
      toDay(addYears(mother.row.birthDate, MOTHER_MAX_AGE)),
    );
    const births: BirthRow[] = [];
    let day = marriageDay + this.random.int(300, 1100);

    while (births.length < childCount && day <= lastDay) {
      const sex = this.random.chance(0.5) ? 'M' : 'F';
      const givenNameAr = this.names.given(sex, takenNames);

      takenNames.add(givenNameAr);
      births.push({
        birthDate: fromDay(day),
        birthPlace: this.placeIn(input.governorate),
        externalRef: `${input.refPrefix}-C${numberedBefore + births.length + 1}`,
        fatherRef: father.row.externalRef,
        givenNameAr,
        motherRef: mother.row.externalRef,
        sex,
      });
      day += this.random.int(330, 1500);
    }

    return births;
  }

  /** About 2% of adults die, after their last marriage and the birth of their last child. */
  private maybeDeath(adult: Adult, cutoff: number): DeathRow | undefined {
    if (!this.random.chance(DEATH_SHARE)) return undefined;

    const day = dayBetween(this.random, adult.lastEventDay + 1, cutoff);

    return day === undefined
      ? undefined
      : { dateOfDeath: fromDay(day), ref: adult.row.externalRef };
  }

  /** Picks a sub-district of the governorate through a random district. */
  private placeIn(governorate: Governorate): string {
    const district = this.random.pick(districtsOf(governorate.pcode));
    const subDistricts = subDistrictsOf(district.pcode);

    return subDistricts.length > 0 ? this.random.pick(subDistricts).pcode : district.pcode;
  }
}
