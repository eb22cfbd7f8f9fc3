import { Inject, Injectable } from '@nestjs/common';

import { RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { dateToDay, dayToDate } from '../calendar/calendar-day';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import type { AddPolicyRequest, PolicyView } from './catalogue.schemas';
import { CatalogueService } from './catalogue.service';
import type { ProductCode, QuotaPolicy } from './catalogue.types';
import { assertNotPast } from './effective-date';
import { PolicyPublisherService } from './policy-publisher.service';
import { vehicleClassToRow } from './policy-mapping';

/**
 * Quota policy versions. Each product's versions take effect on strictly increasing days, so
 * exactly one version is in force on any day. The policy publisher switches entitlements to a
 * version on its effective day.
 */
@Injectable()
export class PolicyVersionsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly publisher: PolicyPublisherService,
  ) {}

  async add(request: AddPolicyRequest): Promise<PolicyView> {
    const today = this.calendar.today();

    assertNotPast(request.effectiveFrom, today);

    const version = await this.prisma.transaction((tx) => this.insert(tx, request));

    this.logger.info(
      { effectiveFrom: request.effectiveFrom, productCode: request.productCode, version },
      'policy version added',
    );
    await this.catalogue.reload();
    if (request.effectiveFrom === today) await this.publisher.publishPending();

    return this.list(request.productCode).find(
      (policy) => policy.version === version,
    ) as PolicyView;
  }

  list(productCode?: ProductCode): PolicyView[] {
    const today = this.calendar.today();
    const codes = productCode ? [productCode] : this.catalogue.products().map((p) => p.code);

    return codes.flatMap((code) => {
      const inForce = this.catalogue.activePolicy(code, today);

      return this.catalogue
        .policyVersions(code)
        .map((policy) => policyView(policy, policy.id === inForce?.id));
    });
  }

  /** Inserts the next version under the product's row lock, so concurrent adds take turns. */
  private async insert(tx: Tx, request: AddPolicyRequest): Promise<number> {
    await tx.$queryRaw`SELECT code FROM products WHERE code = ${request.productCode} FOR UPDATE`;

    const latest = await tx.policy.findFirst({
      orderBy: { version: 'desc' },
      where: { productCode: request.productCode },
    });

    if (latest) this.assertFollows(request, latest.beneficiary, dateToDay(latest.effectiveFrom));

    const version = (latest?.version ?? 0) + 1;

    await tx.policy.create({
      data: {
        beneficiary: request.beneficiary,
        effectiveFrom: dayToDate(request.effectiveFrom),
        periodDays: request.periodDays,
        periodQuantity: request.periodQuantity,
        productCode: request.productCode,
        scaleBaseMembers: request.familySizeScaling?.baseMembers ?? null,
        scaleExtraPerMember: request.familySizeScaling?.extraPerMember ?? null,
        seasonPeriods: request.season?.periods ?? null,
        seasonStartDay: request.season?.startDay ?? null,
        seasonStartMonth: request.season?.startMonth ?? null,
        source: request.source,
        vehicleClasses: {
          create: request.vehicleClasses.map((quota) => ({
            periodDays: quota.periodDays,
            periodQuantity: quota.periodQuantity,
            vehicleClass: vehicleClassToRow(quota.vehicleClass),
          })),
        },
        version,
      },
    });

    return version;
  }

  private assertFollows(
    request: AddPolicyRequest,
    latestBeneficiary: string,
    latestFrom: string,
  ): void {
    if (request.effectiveFrom <= latestFrom) {
      throw new RuleViolationError(
        'POLICY_VERSION_OVERLAP',
        `${request.productCode} has a version from ${latestFrom}; a new one must start later`,
        {
          field: 'effectiveFrom',
          hint: `choose a day after ${latestFrom}`,
          value: request.effectiveFrom,
        },
      );
    }
    if (request.beneficiary !== latestBeneficiary) {
      throw new RuleViolationError(
        'BENEFICIARY_MISMATCH',
        `${request.productCode} is granted per ${latestBeneficiary}, not per ${request.beneficiary}`,
        { field: 'beneficiary', value: request.beneficiary },
      );
    }
  }
}

function policyView(policy: QuotaPolicy, inForce: boolean): PolicyView {
  return {
    beneficiary: policy.beneficiary,
    effectiveFrom: policy.effectiveFrom,
    familySizeScaling: policy.familySizeScaling ?? null,
    inForce,
    periodDays: policy.periodDays,
    periodQuantity: policy.periodQuantity,
    productCode: policy.productCode,
    season: policy.season ?? null,
    source: policy.source,
    unit: policy.unit,
    vehicleClasses: policy.vehicleClasses,
    version: policy.version,
  };
}
