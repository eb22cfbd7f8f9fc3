import { randomInt } from 'node:crypto';

import {
  makeNationalNumber,
  type CardStatus,
  type CardStatusChanged,
  type EventData,
  type FamilyUpdated,
} from '@bitaqa/contracts';

export type FamilySnapshot = EventData<typeof FamilyUpdated.type>;

export type CardStatusData = EventData<typeof CardStatusChanged.type>;

let serial = randomInt(1_000_000, 9_000_000);

export function nextNationalNumber(governorate = 1): string {
  serial += 1;

  return makeNationalNumber(governorate, serial);
}

let familySerial = randomInt(100_000, 900_000);

export function nextFamilyId(governorate = 'SY01'): string {
  familySerial += 1;

  return `FAM-${governorate}-${familySerial}`;
}

let cardSerial = randomInt(10_000_000, 90_000_000);

/** Returns a 16-digit card number with the issuer prefix 9760; only its length is checked. */
export function nextCardNumber(): string {
  cardSerial += 1;

  return `9760${String(cardSerial).padStart(12, '0')}`;
}

/** A family of a head, a wife and `children` children, all alive, at version 1. */
export function familySnapshot(children: number, overrides: Partial<FamilySnapshot> = {}) {
  const head = nextNationalNumber();
  const members: FamilySnapshot['members'] = [
    { alive: true, birthDate: '1980-03-01', nationalNumber: head, role: 'head', sex: 'M' },
    {
      alive: true,
      birthDate: '1984-07-12',
      nationalNumber: nextNationalNumber(),
      role: 'wife',
      sex: 'F',
    },
  ];

  for (let index = 0; index < children; index += 1) {
    members.push({
      alive: true,
      birthDate: `20${String(10 + index).padStart(2, '0')}-01-15`,
      nationalNumber: nextNationalNumber(),
      role: 'child',
      sex: index % 2 === 0 ? 'F' : 'M',
    });
  }

  const snapshot: FamilySnapshot = {
    familyId: nextFamilyId(),
    governorate: 'SY01',
    headNationalNumber: head,
    members,
    reason: 'import',
    version: 1,
    ...overrides,
  };

  return snapshot;
}

/** The next version of a family with one member marked dead. */
export function withDeath(snapshot: FamilySnapshot, nationalNumber: string): FamilySnapshot {
  return {
    ...snapshot,
    members: snapshot.members.map((member) =>
      member.nationalNumber === nationalNumber ? { ...member, alive: false } : member,
    ),
    reason: 'death',
    version: snapshot.version + 1,
  };
}

export function cardStatus(
  familyId: string | null,
  nationalNumber: string,
  status: CardStatus,
  overrides: Partial<CardStatusData> = {},
): CardStatusData {
  return {
    cardNumber: nextCardNumber(),
    changedAt: '2026-11-01T08:00:00.000Z',
    expiryDate: '2031-11-01',
    familyId,
    nationalNumber,
    reason: 'card issued',
    status,
    version: 1,
    ...overrides,
  };
}
