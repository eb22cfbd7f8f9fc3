import { Injectable } from '@nestjs/common';

import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';

export interface ProductStats {
  /** Quantity still redeemable in open accounts. */
  balance: number;
  /** Sum of grants and adjustments over every period so far. */
  granted: number;
  productCode: ProductCode;
  /** Redemptions not reversed. */
  redemptions: number;
  redeemedPiastres: number;
  redeemedQuantity: number;
  reversals: number;
  unit: QuantityUnit;
}

export interface Stats {
  cards: number;
  families: number;
  familiesWithLivingMembers: number;
  products: ProductStats[];
  redeemedCylinders: number;
  redeemedMillilitres: number;
  redeemedPiastres: number;
  redemptions: number;
  stations: number;
  vehicles: number;
}

// PostgreSQL sums integers as bigint, which Prisma returns as BigInt.
interface GrantRow {
  balance: bigint;
  granted: bigint;
  product_code: string;
}

interface RedemptionRow {
  piastres: bigint;
  product_code: string;
  quantity: bigint;
  redemptions: number;
  reversals: number;
}

/** Counts and totals for the fuel programme officer; sums are whole units and piastres. */
@Injectable()
export class StatsService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly prisma: PrismaService,
  ) {}

  async collect(): Promise<Stats> {
    const grants = await this.prisma.$queryRaw<GrantRow[]>`
      SELECT product_code,
             COALESCE(sum(granted), 0)::bigint AS granted,
             COALESCE(sum(balance) FILTER (WHERE expired_at IS NULL), 0)::bigint AS balance
      FROM quota_accounts GROUP BY product_code`;
    const standing = Prisma.sql`reversed_at IS NULL`;
    const redeemed = await this.prisma.$queryRaw<RedemptionRow[]>`
      SELECT product_code,
             (count(*) FILTER (WHERE ${standing}))::int AS redemptions,
             (count(*) FILTER (WHERE NOT ${standing}))::int AS reversals,
             COALESCE(sum(quantity) FILTER (WHERE ${standing}), 0)::bigint AS quantity,
             COALESCE(sum(amount_piastres) FILTER (WHERE ${standing}), 0)::bigint AS piastres
      FROM redemptions GROUP BY product_code`;
    const products = this.catalogue.products().map((product) => {
      const grant = grants.find((row) => row.product_code === product.code);
      const redemption = redeemed.find((row) => row.product_code === product.code);

      return {
        balance: Number(grant?.balance ?? 0),
        granted: Number(grant?.granted ?? 0),
        productCode: product.code,
        redeemedPiastres: Number(redemption?.piastres ?? 0),
        redeemedQuantity: Number(redemption?.quantity ?? 0),
        redemptions: redemption?.redemptions ?? 0,
        reversals: redemption?.reversals ?? 0,
        unit: product.unit,
      };
    });

    return { ...(await this.counts()), ...this.totals(products), products };
  }

  private async counts() {
    const rows = await this.prisma.$queryRaw<
      { cards: number; families: number; living: number; stations: number; vehicles: number }[]
    >`
      SELECT (SELECT count(*) FROM families)::int AS families,
             (SELECT count(DISTINCT m.family_id) FROM family_members m
               WHERE m.alive AND NOT EXISTS (SELECT 1 FROM deaths d
                                             WHERE d.national_number = m.national_number)
             )::int AS living,
             (SELECT count(*) FROM cards)::int AS cards,
             (SELECT count(*) FROM stations)::int AS stations,
             (SELECT count(*) FROM vehicles)::int AS vehicles`;
    const row = rows[0];

    return {
      cards: row?.cards ?? 0,
      families: row?.families ?? 0,
      familiesWithLivingMembers: row?.living ?? 0,
      stations: row?.stations ?? 0,
      vehicles: row?.vehicles ?? 0,
    };
  }

  private totals(products: ProductStats[]) {
    const sum = (pick: (product: ProductStats) => number) =>
      products.reduce((total, product) => total + pick(product), 0);

    return {
      redeemedCylinders: sum((p) => (p.unit === 'cylinder' ? p.redeemedQuantity : 0)),
      redeemedMillilitres: sum((p) => (p.unit === 'ml' ? p.redeemedQuantity : 0)),
      redeemedPiastres: sum((p) => p.redeemedPiastres),
      redemptions: sum((p) => p.redemptions),
    };
  }
}
