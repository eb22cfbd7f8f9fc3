/** A name to search for, split into normalized words of one script. */
export interface SearchName {
  /** Arabic words are normalized with `normalizeArabicName`; Latin words are upper case A-Z. */
  script: 'arabic' | 'latin';
  words: string[];
}

/** Filters of an identity search. Every field given must match. */
export interface SearchCriteria {
  /** Keyset cursor: only national numbers after this one. */
  after?: string;
  /** p-code prefix: a governorate (SY01), district (SY0101) or sub-district (SY010100). */
  birthPlace?: string;
  birthYear?: number;
  limit: number;
  /** Normalized words, each of which must be a word of the mother's normalized name. */
  motherName?: string;
  name?: SearchName;
  nationalNumber?: string;
}

/** One identity in search results. */
export interface SearchHit {
  /** ISO calendar date. */
  birthDate: string;
  birthPlace: string;
  familyNameAr: string;
  familyNameLatin: string;
  fatherNameAr: string;
  givenNameAr: string;
  givenNameLatin: string;
  governorate: string;
  grandfatherNameAr: string | null;
  motherNameAr: string;
  nationalNumber: string;
  sex: 'F' | 'M';
  status: string;
}

export interface SearchPage {
  items: SearchHit[];
  limit: number;
  /** Pass as `after` to read the next page; null on the last page. */
  nextAfter: string | null;
}
