import { Injectable } from '@nestjs/common';

import type { UnitOfWork } from '../database/unit-of-work';
import type { FamilyPlacement } from '../identities/identity';
import { IdentityChanges } from '../identities/identity-changes.service';
import { IdentityRepository } from '../identities/identity.repository';

import { FamilyRepository } from './family.repository';
import { choosePlacement } from './placement';

/** Derives each person's family and role from the memberships the registry holds. */
@Injectable()
export class FamilyPlacements {
  constructor(
    private readonly changes: IdentityChanges,
    private readonly families: FamilyRepository,
    private readonly identities: IdentityRepository,
  ) {}

  /** Derives one person's placement, or null when no family lists them. */
  async placementOf(unit: UnitOfWork, nationalNumber: string): Promise<FamilyPlacement | null> {
    const memberships = await this.families.membershipsOf(unit.db, [nationalNumber]);

    return choosePlacement(memberships.get(nationalNumber) ?? []);
  }

  /**
   * Re-derives the placement of each registered person among `nationalNumbers` and writes the
   * identities whose family or role changed. People not registered yet are skipped: their
   * registration picks the placement up. The caller must hold their person locks.
   */
  async refresh(unit: UnitOfWork, nationalNumbers: readonly string[]): Promise<void> {
    const identities = await this.identities.findMany(unit.db, nationalNumbers);

    if (identities.length === 0) return;

    const memberships = await this.families.membershipsOf(
      unit.db,
      identities.map((identity) => identity.nationalNumber),
    );

    for (const identity of identities) {
      const placement = choosePlacement(memberships.get(identity.nationalNumber) ?? []);

      await this.changes.apply(unit, identity, {
        ...identity,
        familyId: placement?.familyId ?? null,
        familyRole: placement?.familyRole ?? null,
      });
    }
  }
}
