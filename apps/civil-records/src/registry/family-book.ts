import type { EventData, FamilyUpdated } from '@bitaqa/contracts';

import type { Tx } from '../infrastructure/prisma.service';

import {
  endMemberships,
  insertFamilies,
  insertMembers,
  updateVersions,
  type NewMemberRow,
} from './family-store';
import { allocateFamilyIds } from './sequences';
import type { FamilyState, MemberState } from './types';

type FamilyUpdatedData = EventData<typeof FamilyUpdated.type>;

type ChangeReason = FamilyUpdatedData['reason'];

interface Snapshot {
  family: FamilyState;
  members: FamilyUpdatedData['members'];
  reason: ChangeReason;
  version: number;
}

const ROLE_ORDER = { child: 2, head: 0, wife: 1 } as const;

/** Orders members as a family book lists them: head, wives by marriage date, children by birth. */
function bookOrder(a: MemberState, b: MemberState): number {
  const byRole = ROLE_ORDER[a.role] - ROLE_ORDER[b.role];

  if (byRole !== 0) return byRole;

  const byDate = a.role === 'child' ? a.birthDate.localeCompare(b.birthDate) : 0;

  return byDate !== 0 ? byDate : a.joinedOn.localeCompare(b.joinedOn);
}

/**
 * The family books one request reads and changes. Changes apply in memory in request order,
 * and each one raises the family's version and records a full snapshot. `save` then writes
 * every change in a few statements and returns the FamilyUpdated data in order.
 */
export class FamilyBook {
  private readonly added: { family: FamilyState; member: MemberState }[] = [];
  private readonly created: FamilyState[] = [];
  private readonly ended: { leftOn: string; membershipId: string }[] = [];
  private readonly snapshots: Snapshot[] = [];

  constructor(private readonly loaded: ReadonlyMap<string, FamilyState>) {}

  get(familyId: string): FamilyState | undefined {
    return this.loaded.get(familyId);
  }

  /** Finds the family whose head is `nationalNumber`, stored or created by this request. */
  headedBy(nationalNumber: string): FamilyState | undefined {
    return this.all().find((family) => family.headNationalNumber === nationalNumber);
  }

  /** Families in which the person is a current member. */
  familiesOf(nationalNumber: string): FamilyState[] {
    return this.all().filter((family) =>
      family.members.some((member) => member.nationalNumber === nationalNumber),
    );
  }

  /** Opens a new family book with its head; its id is allocated on save. */
  create(governorate: string, head: MemberState): FamilyState {
    const family: FamilyState = {
      familyId: '',
      governorate,
      headNationalNumber: head.nationalNumber,
      isNew: true,
      members: [head],
      version: 0,
    };

    this.created.push(family);
    this.added.push({ family, member: head });

    return family;
  }

  addMember(family: FamilyState, member: MemberState): void {
    family.members.push(member);
    this.added.push({ family, member });
  }

  /** Takes a member out of the family book as of `leftOn`. */
  removeMember(family: FamilyState, nationalNumber: string, leftOn: string): void {
    const member = family.members.find((entry) => entry.nationalNumber === nationalNumber);

    if (!member) return;

    family.members = family.members.filter((entry) => entry !== member);
    if (member.membershipId !== undefined) {
      this.ended.push({ leftOn, membershipId: member.membershipId });
    } else {
      const index = this.added.findIndex((entry) => entry.member === member);

      if (index >= 0) this.added.splice(index, 1);
    }
  }

  /** Changes what the books listing the person state about them; returns those families. */
  updateMember(
    nationalNumber: string,
    patch: Partial<Pick<MemberState, 'birthDate'>>,
  ): FamilyState[] {
    const families = this.familiesOf(nationalNumber);

    for (const family of families) {
      for (const member of family.members) {
        if (member.nationalNumber === nationalNumber) Object.assign(member, patch);
      }
    }

    return families;
  }

  /** Marks the person as deceased in every family that lists them; returns those families. */
  markDeceased(nationalNumber: string): FamilyState[] {
    const families = this.familiesOf(nationalNumber);

    for (const family of families) {
      for (const member of family.members) {
        if (member.nationalNumber === nationalNumber) member.alive = false;
      }
    }

    return families;
  }

  /** Closes one change of `family`: the version grows by one and a snapshot is kept. */
  recordChange(family: FamilyState, reason: ChangeReason): void {
    family.version += 1;
    this.snapshots.push({
      family,
      members: [...family.members].sort(bookOrder).map((member) => ({
        alive: member.alive,
        birthDate: member.birthDate,
        nationalNumber: member.nationalNumber,
        role: member.role,
        sex: member.sex,
      })),
      reason,
      version: family.version,
    });
  }

  /** Writes every change and returns the FamilyUpdated data of each, in the order they happened. */
  async save(tx: Tx): Promise<FamilyUpdatedData[]> {
    await this.assignNewFamilyIds(tx);
    await insertFamilies(
      tx,
      this.created.map((family) => ({ ...family, version: family.version })),
    );
    await insertMembers(tx, this.added.map(toMemberRow));
    await endMemberships(tx, this.ended);
    await updateVersions(
      tx,
      [...this.loaded.values()].filter((family) => this.changedFamilies().has(family)),
    );

    return this.snapshots.map((snapshot) => ({
      familyId: snapshot.family.familyId,
      governorate: snapshot.family.governorate,
      headNationalNumber: snapshot.family.headNationalNumber,
      members: snapshot.members,
      reason: snapshot.reason,
      version: snapshot.version,
    }));
  }

  private all(): FamilyState[] {
    return [...this.loaded.values(), ...this.created];
  }

  private changedFamilies(): Set<FamilyState> {
    return new Set(this.snapshots.map((snapshot) => snapshot.family));
  }

  private async assignNewFamilyIds(tx: Tx): Promise<void> {
    const ids = await allocateFamilyIds(
      tx,
      this.created.map((family) => family.governorate),
    );

    this.created.forEach((family, index) => {
      family.familyId = ids[index] as string;
    });
  }
}

function toMemberRow(entry: { family: FamilyState; member: MemberState }): NewMemberRow {
  return {
    familyId: entry.family.familyId,
    joinedOn: entry.member.joinedOn,
    nationalNumber: entry.member.nationalNumber,
    role: entry.member.role,
  };
}
