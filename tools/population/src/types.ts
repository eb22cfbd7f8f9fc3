/** One row of `persons.json`: the body item of `POST /persons/import`. */
export interface PersonRow {
  birthDate: string;
  birthPlace: string;
  externalRef: string;
  familyNameAr: string;
  fatherNameAr: string;
  givenNameAr: string;
  grandfatherNameAr: string;
  motherNameAr: string;
  registrationGovernorate: string;
  sex: 'F' | 'M';
}

/** One row of `marriages.json`; spouses are named by their import externalRef. */
export interface MarriageRow {
  date: string;
  husbandRef: string;
  wifeRef: string;
}

/** One row of `births.json`; parents are named by externalRef, the child gets its own. */
export interface BirthRow {
  birthDate: string;
  birthPlace: string;
  externalRef: string;
  fatherRef: string;
  givenNameAr: string;
  motherRef: string;
  sex: 'F' | 'M';
}

/** One row of `deaths.json`. */
export interface DeathRow {
  dateOfDeath: string;
  ref: string;
}

/** Everything generated for one family: rows for each of the four files. */
export interface FamilyRecords {
  births: BirthRow[];
  deaths: DeathRow[];
  governorate: string;
  marriages: MarriageRow[];
  persons: PersonRow[];
}

export interface PopulationCounts {
  births: number;
  deaths: number;
  families: number;
  marriages: number;
  persons: number;
}
