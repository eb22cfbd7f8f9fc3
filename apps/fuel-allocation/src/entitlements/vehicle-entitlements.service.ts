import { Injectable } from '@nestjs/common';

import { dateToDay, dayToDate, type CalendarDay } from '../calendar/calendar-day';
import { periodContaining } from '../calendar/period';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { VehicleClass } from '../catalogue/catalogue.types';
import { vehicleClassFromRow } from '../catalogue/policy-mapping';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';

import { AccountReconcilerService } from './account-reconciler.service';
import type { DesiredGrant } from './entitlement.types';
import { vehicleClassQuota, vehiclePeriodRule } from './quota-rules';

/**
 * Vehicle quotas (gasoline by vehicle class). They are not family entitlements, so they do not
 * travel in `EntitlementsChanged`; stations read them through the card's entitlements.
 *
 * NOTE: a vehicle keeps its quota after its owner dies, because no event reports who inherits
 * it. Moving the vehicle to a new owner has no endpoint yet.
 */
@Injectable()
export class VehicleEntitlementsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    private readonly prisma: PrismaService,
    private readonly reconciler: AccountReconcilerService,
  ) {}

  /** Recomputes one vehicle's entitlements in `tx`; returns false when the plate is unknown. */
  async refresh(tx: Tx, plate: string, reason: string): Promise<boolean> {
    const locked = await tx.$queryRaw<{ vehicle_class: string }[]>`
      SELECT vehicle_class::text FROM vehicles WHERE plate = ${plate} FOR UPDATE`;
    const vehicleClass = locked[0]?.vehicle_class;

    if (vehicleClass === undefined) return false;

    const today = this.calendar.today();
    const desired = this.desiredGrants(today, vehicleClassFromRow(vehicleClass));

    await this.reconciler.reconcile(tx, { vehiclePlate: plate }, desired, reason);
    await tx.vehicle.update({ data: { refreshedOn: dayToDate(today) }, where: { plate } });

    return true;
  }

  /** Refreshes a vehicle last brought up to date on an earlier day; false for an unknown plate. */
  async ensureCurrent(plate: string): Promise<boolean> {
    const vehicle = await this.prisma.vehicle.findUnique({
      select: { refreshedOn: true },
      where: { plate },
    });

    if (!vehicle) return false;
    if (vehicle.refreshedOn && dateToDay(vehicle.refreshedOn) === this.calendar.today())
      return true;

    return this.prisma.transaction((tx) => this.refresh(tx, plate, 'new period'));
  }

  private desiredGrants(today: CalendarDay, vehicleClass: VehicleClass): DesiredGrant[] {
    const grants: DesiredGrant[] = [];

    for (const policy of this.catalogue.activePolicies(today, 'vehicle')) {
      const quota = vehicleClassQuota(policy, vehicleClass);
      const period = quota && periodContaining(vehiclePeriodRule(policy, quota), today);

      if (quota && period) {
        grants.push({
          period,
          policyId: policy.id,
          productCode: policy.productCode,
          quantity: quota.periodQuantity,
        });
      }
    }

    return grants;
  }
}
