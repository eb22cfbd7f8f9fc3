import { Inject, Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode } from '../catalogue/catalogue.types';
import { CalendarService } from '../infrastructure/calendar.service';
import { isUniqueViolation, PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { DistributorViewReader } from './distributor-view.reader';
import type {
  CreateDistributorRequest,
  DistributorProduct,
  DistributorView,
} from './distributor.schemas';

/**
 * Distributors of rationed family goods (gas cylinders, heating diesel) and their daily
 * capacity per product. Each one hands out through an existing station, whose redemptions
 * complete the distributor's turns.
 */
@Injectable()
export class DistributorsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly views: DistributorViewReader,
  ) {}

  async create(request: CreateDistributorRequest): Promise<DistributorView> {
    await this.checkStation(request.stationId, request.governorate);
    request.products.forEach((product, index) =>
      this.checkRationed(product.productCode, `products.${index}.productCode`),
    );

    try {
      await this.prisma.transaction(async (tx) => {
        await tx.distributor.create({
          data: {
            governorate: request.governorate,
            id: request.distributorId,
            name: request.name,
            stationId: request.stationId,
          },
        });
        await tx.distributorProduct.createMany({
          data: request.products.map((product) => ({
            dailyCapacity: product.dailyCapacity,
            distributorId: request.distributorId,
            productCode: product.productCode,
          })),
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      throw new ConflictError(
        'DISTRIBUTOR_EXISTS',
        `distributor ${request.distributorId} already exists`,
        {
          field: 'distributorId',
          hint: 'choose another distributor id',
          value: request.distributorId,
        },
      );
    }
    this.logger.info(
      { distributorId: request.distributorId, stationId: request.stationId },
      'distributor added',
    );

    return this.get(request.distributorId);
  }

  /** Sets the daily capacity of one product, adding the product when the distributor lacks it. */
  async setCapacity(
    distributorId: string,
    productCode: ProductCode,
    dailyCapacity: number,
  ): Promise<DistributorView> {
    await this.get(distributorId);
    this.checkRationed(productCode, 'productCode');
    await this.prisma.distributorProduct.upsert({
      create: { dailyCapacity, distributorId, productCode },
      update: { dailyCapacity },
      where: { distributorId_productCode: { distributorId, productCode } },
    });
    this.logger.info({ dailyCapacity, distributorId, productCode }, 'distributor capacity set');

    return this.get(distributorId);
  }

  list(governorate?: string): Promise<DistributorView[]> {
    return this.views.list(governorate);
  }

  async get(distributorId: string): Promise<DistributorView> {
    const [view] = await this.views.list(undefined, distributorId);

    if (!view) {
      throw new NotFoundError(
        'DISTRIBUTOR_NOT_FOUND',
        `distributor ${distributorId} is not known`,
        {
          field: 'distributorId',
          hint: 'list distributors with GET /distributors',
          value: distributorId,
        },
      );
    }

    return view;
  }

  /** Returns a distributor's product, or undefined when the distributor or product is unknown. */
  async product(
    distributorId: string,
    productCode: ProductCode,
  ): Promise<DistributorProduct | undefined> {
    const row = await this.prisma.distributorProduct.findUnique({
      include: { distributor: true },
      where: { distributorId_productCode: { distributorId, productCode } },
    });

    if (!row) return undefined;

    return {
      dailyCapacity: row.dailyCapacity,
      distributorId,
      distributorName: row.distributor.name,
      governorate: row.distributor.governorate,
      productCode,
      stationId: row.distributor.stationId,
    };
  }

  private async checkStation(stationId: string, governorate: string): Promise<void> {
    const station = await this.prisma.station.findUnique({ where: { id: stationId } });

    if (!station) {
      throw new RuleViolationError('STATION_NOT_FOUND', `station ${stationId} is not known`, {
        field: 'stationId',
        hint: 'register the station with POST /stations first',
        value: stationId,
      });
    }
    if (station.governorate !== governorate) {
      throw new RuleViolationError(
        'GOVERNORATE_MISMATCH',
        `station ${stationId} is in ${station.governorate}, not in ${governorate}`,
        { field: 'stationId', hint: `choose a station in ${governorate}`, value: stationId },
      );
    }
  }

  /** Rejects products that no family quota rations today: turns exist only for family goods. */
  private checkRationed(productCode: ProductCode, field: string): void {
    const today = this.calendar.today();

    if (this.catalogue.activePolicy(productCode, today)?.beneficiary === 'family') return;

    const rationed = this.catalogue
      .activePolicies(today, 'family')
      .map((policy) => policy.productCode);

    throw new RuleViolationError(
      'PRODUCT_NOT_RATIONED',
      `${productCode} has no family quota in force, so it is not handed out in turns`,
      { field, hint: `choose one of: ${rationed.join(', ')}`, value: productCode },
    );
  }
}
