import { matchNameChains, normalizeArabicName, type PartComparison } from '@bitaqa/arabic-names';

import type { Identity } from '../identities/identity';

import type { DuplicateSettings } from './duplicate-settings';

/** Duplicate detection's verdict on one pair of identities. */
export interface PairAssessment {
  /** True when the pair goes to the review queue. */
  flagged: boolean;
  nameParts: PartComparison[];
  /** The evidence for and against, one line each, in English, ending with the verdict. */
  reasons: string[];
  /** 0 to 1, rounded to 3 decimals. */
  score: number;
}

const DAY_MS = 86_400_000;

/** Whole days between two ISO calendar dates, without sign. */
export function daysBetween(left: string, right: string): number {
  return Math.round(Math.abs(Date.parse(left) - Date.parse(right)) / DAY_MS);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function motherEvidence(
  left: Identity,
  right: Identity,
): { reasons: string[]; sameMother: boolean } {
  const reasons: string[] = [];
  const leftNumber = left.motherNationalNumber;
  const rightNumber = right.motherNationalNumber;

  if (leftNumber !== null && rightNumber !== null) {
    if (leftNumber !== rightNumber) {
      return {
        reasons: [`mother: different national numbers ${leftNumber} and ${rightNumber}`],
        sameMother: false,
      };
    }
    reasons.push(`mother: same national number ${leftNumber}`);
  }

  const leftName = normalizeArabicName(left.motherNameAr);

  if (leftName === normalizeArabicName(right.motherNameAr)) {
    reasons.push(`mother: same name ${leftName}`);
  }

  return { reasons, sameMother: reasons.length > 0 };
}

function birthReason(days: number, left: Identity, right: Identity): string {
  if (days === 0) return `birth date: same day ${left.birthDate}`;

  const unit = days === 1 ? 'day' : 'days';

  return `birth date: ${days} ${unit} apart, ${left.birthDate} and ${right.birthDate}`;
}

/**
 * Decides whether two identities look like one person registered twice. They must share a
 * mother (by national number or normalized name, and no two different mother numbers), be born
 * within the window, and have matching name chains (see `matchNameChains` in
 * @bitaqa/arabic-names). The name score then loses a little per day between the birth dates and
 * more when the sexes differ, and the pair is flagged when the result reaches the threshold.
 */
export function assessPair(
  registered: Identity,
  candidate: Identity,
  settings: DuplicateSettings,
): PairAssessment {
  const mother = motherEvidence(registered, candidate);
  const days = daysBetween(registered.birthDate, candidate.birthDate);
  const names = matchNameChains(
    {
      familyName: registered.familyNameAr,
      fatherName: registered.fatherNameAr,
      givenName: registered.givenNameAr,
      grandfatherName: registered.grandfatherNameAr,
    },
    {
      familyName: candidate.familyNameAr,
      fatherName: candidate.fatherNameAr,
      givenName: candidate.givenNameAr,
      grandfatherName: candidate.grandfatherNameAr,
    },
    { threshold: settings.threshold },
  );
  const sexDiffers = registered.sex !== candidate.sex;
  const penalty = days * settings.penaltyPerBirthDay + (sexDiffers ? settings.penaltyForSex : 0);
  const score = round3(Math.max(0, names.score - penalty));
  const withinWindow = days <= settings.birthWindowDays;
  const flagged = mother.sameMother && withinWindow && names.match && score >= settings.threshold;
  const reasons = [
    ...mother.reasons,
    birthReason(days, registered, candidate),
    ...(sexDiffers ? [`sex: differs, ${registered.sex} and ${candidate.sex}`] : []),
    ...names.reasons.map((reason) => `name ${reason}`),
    flagged
      ? `flagged: pair score ${score} reaches ${settings.threshold}`
      : `not flagged: pair score ${score}`,
  ];

  return { flagged, nameParts: names.parts, reasons, score };
}
