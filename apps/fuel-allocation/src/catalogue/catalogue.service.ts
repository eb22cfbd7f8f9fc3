import { Injectable, type OnModuleInit } from '@nestjs/common';

import type { CalendarDay } from '../calendar/calendar-day';
import { PrismaService } from '../infrastructure/prisma.service';

import type {
  BeneficiaryKind,
  PriceKind,
  Product,
  ProductCode,
  ProductPrice,
  QuotaPolicy,
} from './catalogue.types';
import { policyFromRow, priceFromRow } from './policy-mapping';

/**
 * Products, prices and quota policies, held in memory. Versions are added ahead of their
 * effective day, through this instance or another one, so `reload()` runs after each change
 * here and on the catalogue refresh timer for the others.
 */
@Injectable()
export class CatalogueService implements OnModuleInit {
  private policies: QuotaPolicy[] = [];
  private prices: ProductPrice[] = [];
  private productsByCode = new Map<ProductCode, Product>();

  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    const [products, subsidized, free, policies] = await Promise.all([
      this.prisma.product.findMany({ orderBy: { code: 'asc' } }),
      this.prisma.productPrice.findMany({ orderBy: { effectiveFrom: 'asc' } }),
      this.prisma.productFreePrice.findMany({ orderBy: { effectiveFrom: 'asc' } }),
      this.prisma.policy.findMany({
        include: { vehicleClasses: true },
        orderBy: [{ productCode: 'asc' }, { version: 'asc' }],
      }),
    ]);

    this.productsByCode = new Map(
      products.map((row) => [
        row.code as ProductCode,
        { code: row.code as ProductCode, name: row.name, unit: row.unit },
      ]),
    );
    this.prices = [
      ...subsidized.map((row) => priceFromRow(row, 'subsidized')),
      ...free.map((row) => priceFromRow(row, 'free')),
    ];
    this.policies = policies.map((row) =>
      policyFromRow(row, this.productsByCode.get(row.productCode as ProductCode)?.unit ?? 'ml'),
    );
  }

  products(): Product[] {
    return [...this.productsByCode.values()];
  }

  product(code: ProductCode): Product | undefined {
    return this.productsByCode.get(code);
  }

  /** Returns the subsidized price in force on `day`, in piastres. */
  priceOn(code: ProductCode, day: CalendarDay): number | undefined {
    return this.priceVersionOn(code, day, 'subsidized')?.pricePiastres;
  }

  /** Returns the price version of a kind in force on `day`: the latest to take effect by then. */
  priceVersionOn(code: ProductCode, day: CalendarDay, kind: PriceKind): ProductPrice | undefined {
    return this.priceHistory(code, kind)
      .filter((price) => price.effectiveFrom <= day)
      .at(-1);
  }

  /** Price versions of a product, oldest first; both kinds unless one is named. */
  priceHistory(code: ProductCode, kind?: PriceKind): ProductPrice[] {
    return this.prices
      .filter((price) => price.productCode === code && (kind === undefined || price.kind === kind))
      .sort(
        (a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.kind.localeCompare(b.kind),
      );
  }

  /** Policy versions of a product, oldest first. */
  policyVersions(code: ProductCode): QuotaPolicy[] {
    return this.policies.filter((policy) => policy.productCode === code);
  }

  /** Returns the newest policy version of a product that took effect on or before `day`. */
  activePolicy(code: ProductCode, day: CalendarDay): QuotaPolicy | undefined {
    const inForce = this.policies.filter(
      (policy) => policy.productCode === code && policy.effectiveFrom <= day,
    );

    return inForce.sort((a, b) => a.version - b.version).at(-1);
  }

  /** Lists the policy in force on `day` of each product, optionally of one beneficiary kind. */
  activePolicies(day: CalendarDay, beneficiary?: BeneficiaryKind): QuotaPolicy[] {
    return this.products()
      .map((product) => this.activePolicy(product.code, day))
      .filter((policy): policy is QuotaPolicy => policy !== undefined)
      .filter((policy) => beneficiary === undefined || policy.beneficiary === beneficiary);
  }
}
