import { Inject, Injectable } from '@nestjs/common';

import type { EventData } from '@bitaqa/contracts';

import { StationDatabase } from '../sqlite/station-database';
import type { SqliteTransaction } from '../sqlite/sqlite-transaction';

export type CachedPolicy = EventData<'sy.gov.fuel.policy-published.v1'> & { receivedAt: string };

interface PolicyRow {
  beneficiary: CachedPolicy['beneficiary'];
  effective_from: string;
  period_days: number;
  period_quantity: number;
  policy_version: number;
  price_piastres: number;
  product_code: CachedPolicy['productCode'];
  received_at: string;
  unit: CachedPolicy['unit'];
}

const UPSERT = `
INSERT INTO policies
  (product_code, beneficiary, effective_from, period_days, period_quantity, policy_version,
   price_piastres, unit)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (product_code) DO UPDATE SET
  beneficiary = excluded.beneficiary,
  effective_from = excluded.effective_from,
  period_days = excluded.period_days,
  period_quantity = excluded.period_quantity,
  policy_version = excluded.policy_version,
  price_piastres = excluded.price_piastres,
  received_at = excluded.received_at,
  unit = excluded.unit
WHERE excluded.policy_version > policies.policy_version`;

function fromRow(row: PolicyRow): CachedPolicy {
  return {
    beneficiary: row.beneficiary,
    effectiveFrom: row.effective_from,
    periodDays: row.period_days,
    periodQuantity: row.period_quantity,
    policyVersion: row.policy_version,
    pricePiastres: row.price_piastres,
    productCode: row.product_code,
    receivedAt: row.received_at,
    unit: row.unit,
  };
}

/** The station's copy of fuel.policies: one row per product, the highest policy version wins. */
@Injectable()
export class PolicyRepository {
  constructor(@Inject(StationDatabase) private readonly database: StationDatabase) {}

  /** Stores the policy unless the cache already has this or a newer version; true if stored. */
  async apply(
    tx: SqliteTransaction,
    data: EventData<'sy.gov.fuel.policy-published.v1'>,
  ): Promise<boolean> {
    const changed = await tx.$executeRawUnsafe(
      UPSERT,
      data.productCode,
      data.beneficiary,
      data.effectiveFrom,
      data.periodDays,
      data.periodQuantity,
      data.policyVersion,
      data.pricePiastres,
      data.unit,
    );

    return changed > 0;
  }

  list(): CachedPolicy[] {
    return this.database
      .query<PolicyRow>('SELECT * FROM policies ORDER BY product_code')
      .map(fromRow);
  }

  count(): number {
    return this.database.queryOne<{ count: number }>('SELECT COUNT(*) AS count FROM policies')
      ?.count as number;
  }
}
