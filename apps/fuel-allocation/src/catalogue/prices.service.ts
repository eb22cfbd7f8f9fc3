import { Inject, Injectable } from '@nestjs/common';

import { ConflictError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { dayToDate } from '../calendar/calendar-day';
import { CalendarService } from '../infrastructure/calendar.service';
import { isUniqueViolation, PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import type { AddPriceRequest, PriceView } from './catalogue.schemas';
import { CatalogueService } from './catalogue.service';
import type { PriceKind, ProductCode, ProductPrice } from './catalogue.types';
import { assertNotPast } from './effective-date';
import { PolicyPublisherService } from './policy-publisher.service';

/**
 * Price versions of the card (subsidized) and free prices. A version takes effect today or on
 * a later day and is never edited; redemptions use the subsidized version in force on their day.
 */
@Injectable()
export class PricesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly publisher: PolicyPublisherService,
  ) {}

  async add(productCode: ProductCode, request: AddPriceRequest): Promise<PriceView> {
    const today = this.calendar.today();

    assertNotPast(request.effectiveFrom, today);

    const data = {
      effectiveFrom: dayToDate(request.effectiveFrom),
      pricePiastres: request.pricePiastres,
      productCode,
      source: request.source,
    };

    try {
      if (request.kind === 'subsidized') await this.prisma.productPrice.create({ data });
      else await this.prisma.productFreePrice.create({ data });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      throw new ConflictError(
        'PRICE_VERSION_EXISTS',
        `${productCode} already has a ${request.kind} price from ${request.effectiveFrom}`,
        {
          field: 'effectiveFrom',
          hint: 'a recorded version is never replaced; add one from a later day',
          value: request.effectiveFrom,
        },
      );
    }
    this.logger.info(
      { effectiveFrom: request.effectiveFrom, kind: request.kind, productCode },
      'price version added',
    );
    await this.catalogue.reload();
    // A card price in force from today reaches stations now rather than at the next refresh.
    if (request.kind === 'subsidized' && request.effectiveFrom === today) {
      await this.publisher.publishPending();
    }

    return this.history(productCode, request.kind).find(
      (price) => price.effectiveFrom === request.effectiveFrom,
    ) as PriceView;
  }

  history(productCode: ProductCode, kind?: PriceKind): PriceView[] {
    const today = this.calendar.today();
    const unit = this.catalogue.product(productCode)?.unit ?? 'ml';
    const inForce = new Set(
      (['free', 'subsidized'] as const)
        .map((each) => this.catalogue.priceVersionOn(productCode, today, each))
        .filter((price): price is ProductPrice => price !== undefined),
    );

    return this.catalogue.priceHistory(productCode, kind).map((price) => ({
      effectiveFrom: price.effectiveFrom,
      inForce: inForce.has(price),
      kind: price.kind,
      pricePiastres: price.pricePiastres,
      productCode: price.productCode,
      source: price.source,
      unit,
    }));
  }
}
