import { Inject, Injectable } from '@nestjs/common';

import type { CardStatusChanged, EventData, FamilyUpdated } from '@bitaqa/contracts';
import { RejectedEventError } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { FamilyEntitlementsService } from '../entitlements/family-entitlements.service';
import type { Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

export type FamilySnapshot = EventData<typeof FamilyUpdated.type>;

export type CardStatusRecord = EventData<typeof CardStatusChanged.type>;

function checkSnapshot(snapshot: FamilySnapshot): void {
  const numbers = snapshot.members.map((member) => member.nationalNumber);
  const duplicate = numbers.find((number, index) => numbers.indexOf(number) !== index);

  if (duplicate !== undefined) {
    throw new RejectedEventError(
      'DUPLICATE_FAMILY_MEMBER',
      `family ${snapshot.familyId} version ${snapshot.version} lists member ${duplicate} twice`,
    );
  }
  if (!numbers.includes(snapshot.headNationalNumber)) {
    throw new RejectedEventError(
      'FAMILY_HEAD_NOT_MEMBER',
      `family ${snapshot.familyId} version ${snapshot.version} names head ` +
        `${snapshot.headNationalNumber}, who is not among its members`,
    );
  }
}

/**
 * Beneficiaries as other services publish them: family book snapshots and deaths from civil
 * records, and card statuses from the card authority. Each write keeps only the newest version
 * and runs in the consumer's transaction, together with the event's inbox row.
 */
@Injectable()
export class BeneficiariesService {
  constructor(
    private readonly families: FamilyEntitlementsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Replaces the family and its members with a newer snapshot; returns false for a stale one. */
  async applyFamilySnapshot(tx: Tx, snapshot: FamilySnapshot): Promise<boolean> {
    checkSnapshot(snapshot);

    const updated = await tx.$queryRaw<{ family_id: string }[]>`
      INSERT INTO families (family_id, governorate, head_national_number, version, updated_at)
      VALUES (${snapshot.familyId}, ${snapshot.governorate}, ${snapshot.headNationalNumber},
              ${snapshot.version}, now())
      ON CONFLICT (family_id) DO UPDATE SET
        governorate = EXCLUDED.governorate,
        head_national_number = EXCLUDED.head_national_number,
        version = EXCLUDED.version,
        updated_at = now()
      WHERE families.version < EXCLUDED.version
      RETURNING family_id`;

    if (updated.length === 0) {
      this.logger.info(
        { familyId: snapshot.familyId, version: snapshot.version },
        'stale family snapshot ignored',
      );

      return false;
    }

    await tx.familyMember.deleteMany({ where: { familyId: snapshot.familyId } });
    await tx.familyMember.createMany({
      data: snapshot.members.map((member) => ({
        alive: member.alive,
        birthDate: new Date(`${member.birthDate}T00:00:00.000Z`),
        familyId: snapshot.familyId,
        nationalNumber: member.nationalNumber,
        role: member.role,
      })),
    });
    await this.families.refresh(tx, snapshot.familyId, `family book ${snapshot.reason}`);

    return true;
  }

  /** Records a death and recomputes every family that counts the person as alive. */
  async recordDeath(tx: Tx, nationalNumber: string, dateOfDeath: string): Promise<string[]> {
    const inserted = await tx.$executeRaw`
      INSERT INTO deaths (national_number, date_of_death)
      VALUES (${nationalNumber}, ${dateOfDeath}::date)
      ON CONFLICT (national_number) DO NOTHING`;

    if (inserted === 0) return [];

    const memberships = await tx.familyMember.findMany({
      orderBy: { familyId: 'asc' },
      select: { familyId: true },
      where: { alive: true, nationalNumber },
    });
    const familyIds = memberships.map((membership) => membership.familyId);

    for (const familyId of familyIds) {
      await this.families.refresh(tx, familyId, 'family member died');
    }
    this.logger.info({ familyIds, nationalNumber }, 'death recorded');

    return familyIds;
  }

  /** Stores a card's status when it is newer than the one held; returns false for a stale one. */
  async applyCardStatus(tx: Tx, card: CardStatusRecord): Promise<boolean> {
    const updated = await tx.$queryRaw<{ card_number: string }[]>`
      INSERT INTO cards (card_number, changed_at, expiry_date, family_id, national_number,
                         reason, status, version, updated_at)
      VALUES (${card.cardNumber}, ${new Date(card.changedAt)}, ${card.expiryDate}::date,
              ${card.familyId}, ${card.nationalNumber}, ${card.reason}, ${card.status},
              ${card.version}, now())
      ON CONFLICT (card_number) DO UPDATE SET
        changed_at = EXCLUDED.changed_at,
        expiry_date = EXCLUDED.expiry_date,
        family_id = EXCLUDED.family_id,
        national_number = EXCLUDED.national_number,
        reason = EXCLUDED.reason,
        status = EXCLUDED.status,
        version = EXCLUDED.version,
        updated_at = now()
      WHERE cards.version < EXCLUDED.version
      RETURNING card_number`;

    this.logger.info(
      { applied: updated.length > 0, cardNumber: card.cardNumber, status: card.status },
      'card status received',
    );

    return updated.length > 0;
  }
}
