import { Inject, Injectable } from '@nestjs/common';

import { PolicyPublished, type EventData } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { CalendarService } from '../infrastructure/calendar.service';
import { EVENT_SOURCE } from '../infrastructure/event-source';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { CatalogueService } from './catalogue.service';
import type { ProductPrice, QuotaPolicy } from './catalogue.types';

type PublishOutcome = 'new-policy' | 'new-price' | 'none';

/**
 * Publishes the policy in force of each product, with its subsidized price in force, as
 * `PolicyPublished` on the compacted fuel.policies topic (key: product code). Each (policy
 * version, price version) pair is published once: the `policy_publications` row and the
 * outbox row commit together, so two instances publish a pair once, and a new price under the
 * same policy is published again.
 */
@Injectable()
export class PolicyPublisherService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Returns the product codes whose policy or price was published by this call. */
  async publishPending(): Promise<string[]> {
    const today = this.calendar.today();
    const published: string[] = [];
    let newPolicy = false;

    for (const policy of this.catalogue.activePolicies(today)) {
      const price = this.catalogue.priceVersionOn(policy.productCode, today, 'subsidized');

      if (!price) {
        this.logger.error(
          { productCode: policy.productCode, today },
          'policy not published: product has no price in force',
        );
        continue;
      }

      const outcome = await this.publish(policy, price);

      if (outcome !== 'none') published.push(policy.productCode);
      newPolicy ||= outcome === 'new-policy';
    }
    if (newPolicy) {
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

  private async publish(policy: QuotaPolicy, price: ProductPrice): Promise<PublishOutcome> {
    return this.prisma.transaction(async (tx) => {
      const claimed = await tx.policyPublication.createMany({
        data: [{ policyId: policy.id, priceId: price.id, productCode: policy.productCode }],
        skipDuplicates: true,
      });

      if (claimed.count === 0) return 'none';

      const marked = await tx.policy.updateMany({
        data: { publishedAt: this.calendar.now() },
        where: { id: policy.id, publishedAt: null },
      });

      await enqueueEvent(tx, PolicyPublished, eventData(policy, price), { source: EVENT_SOURCE });
      this.logger.info(
        {
          policyVersion: policy.version,
          priceEffectiveFrom: price.effectiveFrom,
          pricePiastres: price.pricePiastres,
          productCode: policy.productCode,
        },
        'policy published',
      );

      return marked.count > 0 ? 'new-policy' : 'new-price';
    });
  }
}

function eventData(
  policy: QuotaPolicy,
  price: ProductPrice,
): EventData<typeof PolicyPublished.type> {
  return {
    beneficiary: policy.beneficiary,
    effectiveFrom: policy.effectiveFrom,
    periodDays: policy.periodDays,
    periodQuantity: policy.periodQuantity,
    policyVersion: policy.version,
    pricePiastres: price.pricePiastres,
    productCode: policy.productCode,
    unit: policy.unit,
    vehicleClasses:
      policy.beneficiary === 'vehicle'
        ? policy.vehicleClasses.map((quota) => ({ ...quota }))
        : undefined,
  };
}
