import { Inject, Injectable } from '@nestjs/common';

import type { Principal } from '@bitaqa/auth';
import { ConflictError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS } from '../database/unit-of-work';

import type { Agency, AgencyDetails, AgencyPolicy, AgencyStatus, PolicyChange } from './agency';
import { AgencyPolicies } from './agency-policies.service';
import { AgencyStatuses } from './agency-statuses.service';
import { AgencyRepository } from './agency.repository';
import { agencyNotFound } from './agency-errors';

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item) => right.includes(item));
}

/** Reports whether a change states exactly the policy already in force. */
function restatesPolicy(policy: AgencyPolicy, change: PolicyChange): boolean {
  return (
    sameSet(policy.attributes, change.attributes) &&
    sameSet(policy.purposes, change.purposes) &&
    policy.requestsPerWindow === change.requestsPerWindow
  );
}

/** Returns the log fields naming the credential and token behind a change. */
function actorFields(actor: Principal): { clientId: string; tokenId: string } {
  return { clientId: actor.clientId, tokenId: actor.tokenId };
}

/** Creates agencies, records their approved policies, and suspends and reinstates them. */
@Injectable()
export class Agencies {
  constructor(
    private readonly agencies: AgencyRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly policies: AgencyPolicies,
    private readonly prisma: PrismaService,
    private readonly statuses: AgencyStatuses,
  ) {}

  /** @throws ConflictError AGENCY_EXISTS when the service id is taken. */
  async create(serviceId: string, name: string, actor: Principal): Promise<Agency> {
    if (!(await this.agencies.insert(this.prisma, serviceId, name))) {
      throw new ConflictError('AGENCY_EXISTS', `an agency with service id ${serviceId} exists`, {
        field: 'serviceId',
        hint: 'choose another service id, or GET /agencies/:serviceId to see this one',
        value: serviceId,
      });
    }

    this.statuses.forget(serviceId);
    this.logger.info({ ...actorFields(actor), serviceId }, 'agency created');

    return (await this.agencies.find(this.prisma, serviceId)) as Agency;
  }

  /** @throws NotFoundError AGENCY_NOT_FOUND */
  async details(serviceId: string): Promise<AgencyDetails> {
    const agency = await this.agencies.find(this.prisma, serviceId);

    if (agency === undefined) throw agencyNotFound(serviceId);

    const policy = await this.agencies.currentPolicy(this.prisma, serviceId);

    return { ...agency, policy: policy ?? null };
  }

  /**
   * Records a new policy version, or returns the one in force when the change restates it.
   * The agency row stays locked while the version is chosen, so concurrent approvals each get
   * their own version.
   *
   * @throws NotFoundError AGENCY_NOT_FOUND
   */
  async setPolicy(
    serviceId: string,
    change: PolicyChange,
    actor: Principal,
  ): Promise<AgencyPolicy> {
    const policy = await this.prisma.$transaction(async (tx) => {
      if (!(await this.agencies.lock(tx, serviceId))) throw agencyNotFound(serviceId);

      const current = await this.agencies.currentPolicy(tx, serviceId);

      if (current !== undefined && restatesPolicy(current, change)) return current;

      return this.agencies.insertPolicy(tx, serviceId, (current?.version ?? 0) + 1, change);
    }, TRANSACTION_OPTIONS);

    this.policies.forget(serviceId);
    this.logger.info(
      {
        ...actorFields(actor),
        approvalReference: policy.approvalReference,
        attributes: policy.attributes,
        purposes: policy.purposes,
        serviceId,
        version: policy.version,
      },
      'agency policy in force',
    );

    return policy;
  }

  /**
   * Suspends or reinstates the agency. Setting the status it already has changes nothing and
   * keeps the earlier reason.
   *
   * @throws NotFoundError AGENCY_NOT_FOUND
   */
  async setStatus(
    serviceId: string,
    change: { reason: string; status: AgencyStatus },
    actor: Principal,
  ): Promise<Agency> {
    const agency = await this.prisma.$transaction(async (tx) => {
      if (!(await this.agencies.lock(tx, serviceId))) throw agencyNotFound(serviceId);

      const current = (await this.agencies.find(tx, serviceId)) as Agency;

      if (current.status === change.status) return current;

      return this.agencies.setStatus(tx, serviceId, change);
    }, TRANSACTION_OPTIONS);

    this.statuses.forget(serviceId);
    this.logger.info(
      { ...actorFields(actor), reason: agency.statusReason, serviceId, status: agency.status },
      change.status === 'suspended' ? 'agency suspended' : 'agency reinstated',
    );

    return agency;
  }
}
