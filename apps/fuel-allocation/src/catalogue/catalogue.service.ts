import { Injectable, type OnModuleInit } from '@nestjs/common';

import { dateToDay, type CalendarDay } from '../calendar/calendar-day';
import { PrismaService } from '../infrastructure/prisma.service';

import type {
  BeneficiaryKind,
  Product,
  ProductCode,
  ProductPrice,
  QuotaPolicy,
} from './catalogue.types';
import { policyFromRow } from './policy-mapping';

/**
 * Products, prices and quota policies, held in memory. Migrations are the only writers of
 * these tables, so the catalogue loads once at start and `reload()` picks up later changes.
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
    const products = await this.prisma.product.findMany({ orderBy: { code: 'asc' } });
    const prices = await this.prisma.productPrice.findMany({ orderBy: { effectiveFrom: 'asc' } });
    const policies = await this.prisma.policy.findMany({
      include: { vehicleClasses: true },
      orderBy: [{ productCode: 'asc' }, { version: 'asc' }],
    });

    this.productsByCode = new Map(
      products.map((row) => [
        row.code as ProductCode,
        { code: row.code as ProductCode, name: row.name, unit: row.unit },
      ]),
    );
    this.prices = prices.map((row) => ({
      effectiveFrom: dateToDay(row.effectiveFrom),
      pricePiastres: row.pricePiastres,
      productCode: row.productCode as ProductCode,
    }));
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

  /** Returns the price in force on `day`, which is the latest one that took effect by then. */
  priceOn(code: ProductCode, day: CalendarDay): number | undefined {
    const inForce = this.prices.filter(
      (price) => price.productCode === code && price.effectiveFrom <= day,
    );

    return inForce.at(-1)?.pricePiastres;
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
