import { Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';

import { PrismaService } from '../infrastructure/prisma.service';
import { toIsoDate, toIsoDateOrNull } from '../registry/dates';
import { journalsOf } from '../registry/journal';

import { familyAsOf } from './family-as-of';
import type { FamilyMemberView, FamilyView } from './family-view';

@Injectable()
export class FamiliesService {
  constructor(private readonly prisma: PrismaService) {}

  /** Returns a family book with its current and former members, or fails with FAMILY_NOT_FOUND. */
  async get(familyId: string): Promise<FamilyView> {
    const family = await this.prisma.family.findUnique({
      include: { members: { include: { person: true }, orderBy: { id: 'asc' } } },
      where: { familyId },
    });

    if (!family) {
      throw new NotFoundError('FAMILY_NOT_FOUND', `no family book with id ${familyId}`, {
        field: 'familyId',
        hint: 'use the familyId returned by POST /marriages or shown in GET /persons/:nationalNumber',
        value: familyId,
      });
    }

    const members: FamilyMemberView[] = family.members.map((member) => ({
      alive: member.person.dateOfDeath === null,
      birthDate: toIsoDate(member.person.birthDate),
      familyNameAr: member.person.familyNameAr,
      givenNameAr: member.person.givenNameAr,
      joinedOn: toIsoDate(member.joinedOn),
      leftOn: toIsoDateOrNull(member.leftOn),
      nationalNumber: member.nationalNumber,
      role: member.role,
      sex: member.person.sex,
    }));

    return {
      familyId: family.familyId,
      formerMembers: members.filter((member) => member.leftOn !== null),
      governorate: family.governorate,
      headNationalNumber: family.headNationalNumber,
      members: members.filter((member) => member.leftOn === null),
      version: family.version,
    };
  }

  /** Returns the book as it stood on `asOf`; fails with FAMILY_NOT_FOUND or FAMILY_NOT_OPENED. */
  async getAsOf(familyId: string, asOf: string): Promise<FamilyView> {
    const current = await this.get(familyId);
    const numbers = [...current.members, ...current.formerMembers].map(
      (member) => member.nationalNumber,
    );

    return familyAsOf(current, await journalsOf(this.prisma, numbers, asOf), asOf);
  }
}
