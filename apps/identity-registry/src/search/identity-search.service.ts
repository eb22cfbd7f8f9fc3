import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

import type { SearchCriteria, SearchHit, SearchPage } from './search-criteria';
import { buildSearchSql } from './search-sql';

interface HitRow {
  birth_date: string;
  birth_place: string;
  family_name_ar: string;
  family_name_latin: string;
  father_name_ar: string;
  given_name_ar: string;
  given_name_latin: string;
  governorate: string;
  grandfather_name_ar: string | null;
  mother_name_ar: string;
  national_number: string;
  sex: 'F' | 'M';
  status: string;
}

function toHit(row: HitRow): SearchHit {
  return {
    birthDate: row.birth_date,
    birthPlace: row.birth_place,
    familyNameAr: row.family_name_ar,
    familyNameLatin: row.family_name_latin,
    fatherNameAr: row.father_name_ar,
    givenNameAr: row.given_name_ar,
    givenNameLatin: row.given_name_latin,
    governorate: row.governorate,
    grandfatherNameAr: row.grandfather_name_ar,
    motherNameAr: row.mother_name_ar,
    nationalNumber: row.national_number,
    sex: row.sex,
    status: row.status,
  };
}

/** Finds identities by name, national number, mother's name, birth place and year. */
@Injectable()
export class IdentitySearch {
  constructor(private readonly prisma: PrismaService) {}

  async search(criteria: SearchCriteria): Promise<SearchPage> {
    const statement = buildSearchSql(criteria);
    const rows = await this.prisma.$queryRawUnsafe<HitRow[]>(statement.text, ...statement.values);
    const items = rows.slice(0, criteria.limit).map(toHit);

    return {
      items,
      limit: criteria.limit,
      nextAfter:
        rows.length > criteria.limit ? (items[items.length - 1]?.nationalNumber ?? null) : null,
    };
  }
}
