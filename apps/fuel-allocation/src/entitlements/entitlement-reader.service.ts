import { Injectable } from '@nestjs/common';

import { dateToDay, dayToDate, type CalendarDay } from '../calendar/calendar-day';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { Tx } from '../infrastructure/prisma.service';
import type { AccountOwner } from '../ledger/ledger.types';

import type { Entitlement } from './entitlement.types';

/** Reads current-period entitlements from the quota accounts. */
@Injectable()
export class EntitlementReaderService {
  constructor(private readonly catalogue: CatalogueService) {}

  /** Accounts of `owner` whose period contains `day`, expired ones included, by product code. */
  async current(db: Tx, owner: AccountOwner, day: CalendarDay): Promise<Entitlement[]> {
    const rows = await db.quotaAccount.findMany({
      orderBy: { productCode: 'asc' },
      where: {
        ...owner,
        periodEnd: { gte: dayToDate(day) },
        periodStart: { lte: dayToDate(day) },
      },
    });

    return rows.map((row) => {
      const productCode = row.productCode as ProductCode;

      return {
        balance: row.balance,
        granted: row.granted,
        periodEnd: dateToDay(row.periodEnd),
        periodStart: dateToDay(row.periodStart),
        productCode,
        unit: this.catalogue.product(productCode)?.unit ?? 'ml',
      };
    });
  }
}
