import { Inject, Injectable } from '@nestjs/common';

import { EntitlementsChanged } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { dateToDay, dayToDate, type CalendarDay } from '../calendar/calendar-day';
import { periodContaining } from '../calendar/period';
import { CatalogueService } from '../catalogue/catalogue.service';
import { CalendarService } from '../infrastructure/calendar.service';
import { EVENT_SOURCE } from '../infrastructure/event-source';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { AccountReconcilerService } from './account-reconciler.service';
import { EntitlementReaderService } from './entitlement-reader.service';
import type { DesiredGrant } from './entitlement.types';
import { familyPeriodRule, familyQuantity } from './quota-rules';

/**
 * Family quotas (heating diesel, gas cylinders). Each refresh recomputes what the family's
 * living members are entitled to in the current period, records the difference in the ledger,
 * and publishes `EntitlementsChanged` through the outbox when anything moved.
 */
@Injectable()
export class FamilyEntitlementsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly reader: EntitlementReaderService,
    private readonly reconciler: AccountReconcilerService,
  ) {}

  /** Recomputes one family's entitlements in `tx`; returns false when the family is unknown. */
  async refresh(tx: Tx, familyId: string, reason: string): Promise<boolean> {
    const locked = await tx.$queryRaw<{ entitlements_version: number }[]>`
      SELECT entitlements_version FROM families WHERE family_id = ${familyId} FOR UPDATE`;
    const currentVersion = locked[0]?.entitlements_version;

    if (currentVersion === undefined) return false;

    const today = this.calendar.today();
    const living = await this.livingMembers(tx, familyId);
    const desired = this.desiredGrants(today, living);
    const changed = await this.reconciler.reconcile(tx, { familyId }, desired, reason);
    const version = changed ? currentVersion + 1 : currentVersion;

    await tx.family.update({
      data: { entitlementsVersion: version, refreshedOn: dayToDate(today) },
      where: { familyId },
    });
    if (changed) await this.publish(tx, familyId, version, reason, today);

    return true;
  }

  /**
   * Refreshes a family whose accounts were last brought up to date on an earlier day, so a new
   * period's grant exists before anyone reads or redeems it. Returns false for an unknown family.
   */
  async ensureCurrent(familyId: string): Promise<boolean> {
    const family = await this.prisma.family.findUnique({
      select: { refreshedOn: true },
      where: { familyId },
    });

    if (!family) return false;
    if (family.refreshedOn && dateToDay(family.refreshedOn) === this.calendar.today()) return true;

    return this.prisma.transaction((tx) => this.refresh(tx, familyId, 'new period'));
  }

  /** Members marked alive in the latest snapshot and not reported dead on civil.persons. */
  async livingMembers(db: Tx, familyId: string): Promise<number> {
    const rows = await db.$queryRaw<{ living: number }[]>`
      SELECT count(*)::int AS living FROM family_members m
      WHERE m.family_id = ${familyId} AND m.alive
        AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.national_number = m.national_number)`;

    return rows[0]?.living ?? 0;
  }

  private desiredGrants(today: CalendarDay, livingMembers: number): DesiredGrant[] {
    const grants: DesiredGrant[] = [];

    for (const policy of this.catalogue.activePolicies(today, 'family')) {
      const period = periodContaining(familyPeriodRule(policy), today);
      const quantity = familyQuantity(policy, livingMembers);

      if (period && quantity > 0) {
        grants.push({ period, policyId: policy.id, productCode: policy.productCode, quantity });
      }
    }

    return grants;
  }

  private async publish(
    tx: Tx,
    familyId: string,
    version: number,
    reason: string,
    today: CalendarDay,
  ): Promise<void> {
    const entitlements = await this.reader.current(tx, { familyId }, today);

    await enqueueEvent(
      tx,
      EntitlementsChanged,
      { entitlements, familyId, reason: reason.slice(0, 200), version },
      { source: EVENT_SOURCE },
    );
    this.logger.info({ familyId, reason, version }, 'family entitlements changed');
  }
}
