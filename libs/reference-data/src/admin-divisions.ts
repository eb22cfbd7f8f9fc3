import { z } from 'zod';

import { once, readDataFile } from './data-files';

/** Level of an administrative division: governorate, district or sub-district. */
export type DivisionLevel = 1 | 2 | 3;

/** One administrative division with its OCHA p-code and its Arabic and English names. */
export interface AdminDivision {
  level: DivisionLevel;
  nameAr: string;
  nameEn: string;
  /** p-code of the division above; `SY` for a governorate. */
  parentPcode: string;
  pcode: string;
}

/** A governorate, with the number (1-14) that national numbers and family ids carry. */
export interface Governorate extends AdminDivision {
  level: 1;
  number: number;
}

const divisionRow = z.object({
  level: z.number().int().min(0).max(3),
  name_ar: z.string().min(1),
  name_en: z.string().min(1),
  parent_pcode: z.string().nullable(),
  pcode: z.string().regex(/^SY(\d{2}){0,3}$/),
});

interface DivisionIndex {
  byPcode: Map<string, AdminDivision>;
  children: Map<string, AdminDivision[]>;
  governorates: Governorate[];
}

function buildIndex(): DivisionIndex {
  const rows = readDataFile('syria-admin-divisions.json', z.array(divisionRow));
  const byPcode = new Map<string, AdminDivision>();
  const children = new Map<string, AdminDivision[]>();
  const governorates: Governorate[] = [];

  for (const row of rows) {
    // Level 0 is the country itself; the index starts at governorates.
    if (row.level === 0 || row.parent_pcode === null) continue;

    const division: AdminDivision = {
      level: row.level as DivisionLevel,
      nameAr: row.name_ar,
      nameEn: row.name_en,
      parentPcode: row.parent_pcode,
      pcode: row.pcode,
    };

    byPcode.set(division.pcode, division);
    children.set(division.parentPcode, [...(children.get(division.parentPcode) ?? []), division]);
    if (division.level === 1) {
      governorates.push({ ...division, level: 1, number: Number(division.pcode.slice(2)) });
    }
  }

  governorates.sort((a, b) => a.number - b.number);

  return { byPcode, children, governorates };
}

const divisionIndex = once(buildIndex);

/** Lists Syria's 14 governorates, ordered by p-code (SY01 Damascus to SY14 Quneitra). */
export function governorates(): readonly Governorate[] {
  return divisionIndex().governorates;
}

/** Finds the governorate with p-code `pcode` (SY01-SY14); undefined for any other code. */
export function findGovernorate(pcode: string): Governorate | undefined {
  return divisionIndex().governorates.find((governorate) => governorate.pcode === pcode);
}

/** Returns the governorate numbered `number` (1-14) and throws a RangeError for any other. */
export function governorateByNumber(number: number): Governorate {
  const found = divisionIndex().governorates.find((governorate) => governorate.number === number);

  if (!found) throw new RangeError(`governorate number must be 1-14, got ${number}`);

  return found;
}

/** Finds the division with p-code `pcode` at any level; undefined when the code is unknown. */
export function findDivision(pcode: string): AdminDivision | undefined {
  return divisionIndex().byPcode.get(pcode);
}

/** Lists the divisions one level below `parentPcode`, in file order (none below a sub-district). */
export function childrenOf(parentPcode: string): readonly AdminDivision[] {
  return divisionIndex().children.get(parentPcode) ?? [];
}

/** Lists the districts (level 2) of a governorate. */
export function districtsOf(governoratePcode: string): readonly AdminDivision[] {
  return childrenOf(governoratePcode).filter((division) => division.level === 2);
}

/** Lists the sub-districts (level 3) of a district. */
export function subDistrictsOf(districtPcode: string): readonly AdminDivision[] {
  return childrenOf(districtPcode).filter((division) => division.level === 3);
}

/** Lists every division of one level, in file order. */
export function divisionsAtLevel(level: DivisionLevel): readonly AdminDivision[] {
  return [...divisionIndex().byPcode.values()].filter((division) => division.level === level);
}

/** Finds the governorate a division lies in (itself for a governorate). */
export function governorateOf(pcode: string): Governorate | undefined {
  return findGovernorate(pcode.slice(0, 4));
}
