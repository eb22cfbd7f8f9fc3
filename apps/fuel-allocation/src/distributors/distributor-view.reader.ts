import { Injectable } from '@nestjs/common';

import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode } from '../catalogue/catalogue.types';
import { PrismaService } from '../infrastructure/prisma.service';

import type { DistributorProductView, DistributorView } from './distributor.schemas';

interface ProductRow {
  daily_capacity: number;
  distributor_id: string;
  notified: number;
  product_code: string;
  waiting: number;
}

/** Reads distributors with their products and the number of open turns of each product. */
@Injectable()
export class DistributorViewReader {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly prisma: PrismaService,
  ) {}

  async list(governorate?: string, distributorId?: string): Promise<DistributorView[]> {
    const distributors = await this.prisma.distributor.findMany({
      orderBy: { id: 'asc' },
      where: { governorate, id: distributorId },
    });
    const ids = distributors.map((distributor) => distributor.id);
    const products = await this.products(ids);

    return distributors.map((distributor) => ({
      createdAt: distributor.createdAt.toISOString(),
      distributorId: distributor.id,
      governorate: distributor.governorate,
      name: distributor.name,
      products: products.get(distributor.id) ?? [],
      stationId: distributor.stationId,
    }));
  }

  private async products(ids: string[]): Promise<Map<string, DistributorProductView[]>> {
    const rows = await this.prisma.$queryRaw<ProductRow[]>`
      SELECT p.distributor_id, p.product_code, p.daily_capacity,
             count(t.id) FILTER (WHERE t.status = 'waiting')::int AS waiting,
             count(t.id) FILTER (WHERE t.status = 'notified')::int AS notified
      FROM distributor_products p
      LEFT JOIN turns t ON t.distributor_id = p.distributor_id
        AND t.product_code = p.product_code AND t.status IN ('waiting', 'notified')
      WHERE p.distributor_id = ANY(${ids})
      GROUP BY p.distributor_id, p.product_code, p.daily_capacity
      ORDER BY p.distributor_id, p.product_code`;
    const byDistributor = new Map<string, DistributorProductView[]>();

    for (const row of rows) {
      const productCode = row.product_code as ProductCode;
      const views = byDistributor.get(row.distributor_id) ?? [];

      views.push({
        dailyCapacity: row.daily_capacity,
        notified: row.notified,
        productCode,
        unit: this.catalogue.product(productCode)?.unit ?? 'ml',
        waiting: row.waiting,
      });
      byDistributor.set(row.distributor_id, views);
    }

    return byDistributor;
  }
}
