import { Inject, Injectable } from '@nestjs/common';

import { RejectedEventError } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import type { UnitOfWork } from '../database/unit-of-work';

import type { FamilySnapshot } from './family-snapshot';
import { FamilyPlacements } from './family-placements.service';
import { FamilyRepository } from './family.repository';

function assertMembersUnique(snapshot: FamilySnapshot): void {
  const seen = new Set<string>();

  for (const member of snapshot.members) {
    if (seen.has(member.nationalNumber)) {
      throw new RejectedEventError(
        'FAMILY_MEMBER_REPEATED',
        `family ${snapshot.familyId} version ${snapshot.version} lists ` +
          `${member.nationalNumber} more than once`,
      );
    }
    seen.add(member.nationalNumber);
  }
}

/**
 * Applies FamilyUpdated snapshots. A snapshot replaces the memberships of its family when its
 * version is newer than the one held, and every person it adds, keeps or drops gets their
 * placement re-derived. A snapshot never creates an identity.
 */
@Injectable()
export class FamilySnapshots {
  constructor(
    private readonly families: FamilyRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly placements: FamilyPlacements,
  ) {}

  async apply(unit: UnitOfWork, snapshot: FamilySnapshot, snapshotAt: Date): Promise<void> {
    assertMembersUnique(snapshot);

    const claimed = await this.families.claimVersion(unit.db, snapshot, snapshotAt);

    if (!claimed) {
      this.logger.info(
        { familyId: snapshot.familyId, version: snapshot.version },
        'family snapshot not newer than the one held, ignored',
      );

      return;
    }

    const previous = await this.families.memberNumbers(unit.db, snapshot.familyId);
    const affected = [
      ...new Set([...previous, ...snapshot.members.map((member) => member.nationalNumber)]),
    ];

    await lockPersons(unit, affected);
    await this.families.replaceMembers(unit.db, snapshot, snapshotAt);
    await this.placements.refresh(unit, affected);
  }
}
