import { DEFAULT_MATCH_THRESHOLD } from '@bitaqa/arabic-names';

/** Settings of candidate selection and pair scoring in duplicate detection. */
export interface DuplicateSettings {
  /** Candidates were born at most this many days before or after the registered person. */
  birthWindowDays: number;
  /** Most candidates one registration is compared with, so a data error cannot flood it. */
  maxCandidates: number;
  /** Score lost per day between the two birth dates. */
  penaltyPerBirthDay: number;
  /** Score lost when the two records state different sexes. */
  penaltyForSex: number;
  /** Lowest pair score, 0 to 1, that queues a case. */
  threshold: number;
}

export const DUPLICATE_SETTINGS = Symbol('DUPLICATE_SETTINGS');

/**
 * Two days covers a birth registered on the wrong side of midnight and a day or two of clerical
 * drift. Twins share mother and birth date too, so only names can tell them apart.
 */
export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = {
  birthWindowDays: 2,
  maxCandidates: 200,
  penaltyPerBirthDay: 0.02,
  penaltyForSex: 0.1,
  threshold: DEFAULT_MATCH_THRESHOLD,
};
