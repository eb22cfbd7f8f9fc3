import { Inject, Injectable } from '@nestjs/common';

import { PolicyPublished, type EventData } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { CalendarDay } from '../calendar/calendar-day';
import { CalendarService } from '../infrastructure/calendar.service';
import { EVENT_SOURCE } from '../infrastructure/event-source';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { CatalogueService } from './catalogue.service';
import type { QuotaPolicy } from './catalogue.types';

/**
 * Publishes each policy in force as `PolicyPublished` on the compacted fuel.policies topic,
 * once per policy version. The `published_at` mark and the outbox row commit together, so two
 * instances starting at once publish a version once.
 */
@Injectable()
export class PolicyPublisherService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Returns the product codes whose policy was published by this call. */
  async publishPending(): Promise<string[]> {
    const today = this.calendar.today();
    const published: string[] = [];

    for (const policy of this.catalogue.activePolicies(today)) {
      if (policy.publishedAt !== null) continue;
      if (await this.publish(policy, today)) published.push(policy.productCode);
    }
    if (published.length > 0) {
      await this.catalogue.reload();
      await this.markAccountsStale();
    }

    return published;
  }

  /**
   * Makes the next read or redemption of every family and vehicle recompute its accounts, so a
   * new policy version applies from today and not only from the next day.
   */
  private async markAccountsStale(): Promise<void> {
    await this.prisma.family.updateMany({ data: { refreshedOn: null } });
    await this.prisma.vehicle.updateMany({ data: { refreshedOn: null } });
  }

  private async publish(policy: QuotaPolicy, today: CalendarDay): Promise<boolean> {
    const data = this.eventData(policy, today);

    if (!data) {
      this.logger.error(
        { productCode: policy.productCode, today },
        'policy not published: product has no price in force',
      );

      return false;
    }

    return this.prisma.transaction(async (tx) => {
      const marked = await tx.policy.updateMany({
        data: { publishedAt: this.calendar.now() },
        where: { id: policy.id, publishedAt: null },
      });

      if (marked.count === 0) return false;

      await enqueueEvent(tx, PolicyPublished, data, { source: EVENT_SOURCE });
      this.logger.info(
        { policyVersion: policy.version, productCode: policy.productCode },
        'policy published',
      );

      return true;
    });
  }

  private eventData(
    policy: QuotaPolicy,
    today: CalendarDay,
  ): EventData<typeof PolicyPublished.type> | undefined {
    // NOTE: the price is read once per policy version; a later price change alone does not
    // publish the policy again.
    const pricePiastres = this.catalogue.priceOn(policy.productCode, today);

    if (pricePiastres === undefined) return undefined;

    return {
      beneficiary: policy.beneficiary,
      effectiveFrom: policy.effectiveFrom,
      periodDays: policy.periodDays,
      periodQuantity: policy.periodQuantity,
      policyVersion: policy.version,
      pricePiastres,
      productCode: policy.productCode,
      unit: policy.unit,
      vehicleClasses:
        policy.beneficiary === 'vehicle'
          ? policy.vehicleClasses.map((quota) => ({ ...quota }))
          : undefined,
    };
  }
}
