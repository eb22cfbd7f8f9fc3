import { Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';

import type { Marriage, Person } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { toIsoDate, toIsoDateOrNull } from '../registry/dates';
import type { PersonRecord } from '../registry/types';

import type { MarriageView, PersonView } from './dto/person-view.dto';

export function toRecord(person: Person): PersonRecord {
  return {
    birthDate: toIsoDate(person.birthDate),
    birthPlace: person.birthPlace,
    dateOfDeath: toIsoDateOrNull(person.dateOfDeath),
    externalRef: person.externalRef,
    familyNameAr: person.familyNameAr,
    fatherNameAr: person.fatherNameAr,
    fatherNationalNumber: person.fatherNationalNumber,
    givenNameAr: person.givenNameAr,
    grandfatherNameAr: person.grandfatherNameAr,
    motherNameAr: person.motherNameAr,
    motherNationalNumber: person.motherNationalNumber,
    nationalNumber: person.nationalNumber,
    registrationGovernorate: person.registrationGovernorate,
    sex: person.sex,
  };
}

export function toMarriageView(marriage: Marriage): MarriageView {
  return {
    courtDecision:
      marriage.courtDecisionDate === null
        ? null
        : {
            court: marriage.courtDecisionCourt as string,
            date: toIsoDate(marriage.courtDecisionDate),
            number: marriage.courtDecisionNumber as string,
          },
    date: toIsoDate(marriage.date),
    endedOn: toIsoDateOrNull(marriage.endedOn),
    familyId: marriage.familyId,
    husbandNationalNumber: marriage.husbandNationalNumber,
    marriageId: marriage.id.toString(),
    status: marriage.status,
    wifeNationalNumber: marriage.wifeNationalNumber,
  };
}

@Injectable()
export class PersonsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Returns a person with their family books and marriages, or fails with PERSON_NOT_FOUND. */
  async get(nationalNumber: string): Promise<PersonView> {
    const person = await this.prisma.person.findUnique({
      include: {
        familyMemberships: { orderBy: { id: 'asc' } },
        marriagesAsHusband: { orderBy: { id: 'asc' } },
        marriagesAsWife: { orderBy: { id: 'asc' } },
      },
      where: { nationalNumber },
    });

    if (!person) {
      throw new NotFoundError(
        'PERSON_NOT_FOUND',
        `no person with national number ${nationalNumber} is registered`,
        {
          field: 'nationalNumber',
          hint: 'check the national number; persons get one when their birth or import is registered',
          value: nationalNumber,
        },
      );
    }

    return {
      ...toRecord(person),
      alive: person.dateOfDeath === null,
      families: person.familyMemberships.map((membership) => ({
        familyId: membership.familyId,
        joinedOn: toIsoDate(membership.joinedOn),
        leftOn: toIsoDateOrNull(membership.leftOn),
        role: membership.role,
      })),
      marriages: [...person.marriagesAsHusband, ...person.marriagesAsWife].map(toMarriageView),
    };
  }
}
