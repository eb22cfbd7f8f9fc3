import { Inject, Injectable } from '@nestjs/common';

import { ServiceRejected, ServiceRevoked, ServiceSuspended } from '@bitaqa/contracts';
import type { Logger } from '@bitaqa/observability';

import { CLOCK, type Clock, LOGGER } from '../../core.module';
import { PrismaService } from '../../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../../database/transaction';
import type {
  ServiceApplication,
  ServiceOperation,
  ServiceStatus,
} from '../../generated/prisma/client';
import type { ApplicationView, CheckResult, OperationKind } from '../application';
import { blockingFailures, runTechnicalChecks } from '../checks/technical-checks';
import { enqueueServiceChange } from '../events/service-events';
import type { IssuedCredentials } from '../provisioning/operation-step';
import { OperationRunner } from '../provisioning/operation-runner';

import {
  ApplicationNotFoundError,
  ChecksFailedError,
  NothingToRetryError,
  OperationUnfinishedError,
  ServiceNotFoundError,
  ServiceStatusError,
} from './application-errors';
import { ApplicationRepository } from './application.repository';
import { toApplicationView, toServiceRequest } from './application-view';

/** The application after a decision, and credentials created by it, shown this once. */
export interface DecisionResult {
  application: ApplicationView;
  issuedCredentials: IssuedCredentials | null;
}

/** Either the checks that block an approval, or the provisioning it started. */
type ApprovalStart = { failures: CheckResult[] } | { operation: ServiceOperation };

/**
 * A running operation whose process died stays `running`; after this many milliseconds without
 * progress a retry may take it over.
 */
export const STALE_OPERATION_MS = 5 * 60 * 1000;

/** Statuses from which each officer action applies. */
const ALLOWED_FROM: Readonly<Record<OperationKind | 'reject', readonly ServiceStatus[]>> = {
  provision: ['submitted'],
  reinstate: ['suspended'],
  reject: ['submitted'],
  revoke: ['provisioning', 'active', 'suspended'],
  suspend: ['active'],
};

/**
 * Officers' decisions: approve or reject an application, then suspend, reinstate or revoke the
 * service. Each change that reaches other systems runs as a recorded operation.
 */
@Injectable()
export class ServiceDecisionsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly repository: ApplicationRepository,
    private readonly runner: OperationRunner,
  ) {}

  /**
   * Re-runs the technical checks and, when no blocking check fails, approves the application and
   * provisions the service. 422 SERVICE_CHECKS_FAILED otherwise, with the checks stored.
   */
  async approve(id: string, reason: string, officer: string): Promise<DecisionResult> {
    const now = this.clock.now();
    const decided = await this.prisma.$transaction(async (tx): Promise<ApprovalStart> => {
      const row = await this.lockApplication(tx, id, 'approve', ALLOWED_FROM.provision);
      const checks = runTechnicalChecks(
        toServiceRequest(row),
        await this.repository.checkContext(tx, id),
      );
      const failures = blockingFailures(checks);

      await tx.serviceApplication.update({
        data: { checkedAt: now, checks: checks as unknown as object },
        where: { id },
      });

      if (failures.length > 0) {
        return { failures };
      }

      await tx.serviceApplication.update({
        data: {
          decidedAt: now,
          decidedBy: officer,
          decisionReason: reason,
          status: 'provisioning',
        },
        where: { id },
      });

      return { operation: await this.runner.create(tx, id, 'provision', reason, officer) };
    }, TRANSACTION_OPTIONS);

    if ('failures' in decided) {
      this.logger.warn({ applicationId: id, officer }, 'service approval rejected by checks');
      throw new ChecksFailedError(decided.failures);
    }

    this.logger.info({ applicationId: id, officer }, 'service application approved');

    return this.runAndShow(id, decided.operation.id);
  }

  async reject(id: string, reason: string, officer: string): Promise<ApplicationView> {
    const now = this.clock.now();

    await this.prisma.$transaction(async (tx) => {
      await this.lockApplication(tx, id, 'reject', ALLOWED_FROM.reject);

      const row = await tx.serviceApplication.update({
        data: { decidedAt: now, decidedBy: officer, decisionReason: reason, status: 'rejected' },
        where: { id },
      });

      await enqueueServiceChange(tx, ServiceRejected, row, reason, now);
    }, TRANSACTION_OPTIONS);
    this.logger.info({ applicationId: id, officer }, 'service application rejected');

    return this.show(id);
  }

  /**
   * Suspends, reinstates or revokes a service. Suspension and revocation take effect in the
   * catalog at once, before their operation removes access; reinstatement makes the service
   * active when its operation completes. Revocation supersedes an unfinished operation.
   */
  async changeService(
    serviceId: string,
    kind: 'suspend' | 'reinstate' | 'revoke',
    reason: string,
    officer: string,
  ): Promise<DecisionResult> {
    const now = this.clock.now();
    const started = await this.prisma.$transaction(async (tx) => {
      const live = await this.repository.findLiveService(tx, serviceId);

      if (live === null) throw new ServiceNotFoundError(serviceId);

      const row = await this.lockApplication(tx, live.id, kind, ALLOWED_FROM[kind]);

      await this.closeOpenOperation(tx, row, kind);
      await this.applyImmediateStatus(tx, row, kind, reason, now);

      return this.runner.create(tx, row.id, kind, reason, officer);
    }, TRANSACTION_OPTIONS);

    this.logger.info({ officer, operationId: started.id, serviceId }, `service ${kind} started`);

    return this.runAndShow(started.applicationId, started.id);
  }

  /** Runs the failed (or stalled) operation of an application again from its failed step. */
  async retry(id: string, officer: string): Promise<DecisionResult> {
    const staleBefore = new Date(this.clock.now().getTime() - STALE_OPERATION_MS);
    const claimed = await this.prisma.$transaction(async (tx) => {
      const row = await this.repository.lock(tx, id);

      if (row === null) throw new ApplicationNotFoundError(id);

      const claim = await tx.serviceOperation.updateManyAndReturn({
        data: { status: 'running' },
        where: {
          applicationId: id,
          OR: [{ status: 'failed' }, { status: 'running', updatedAt: { lt: staleBefore } }],
        },
      });

      if (claim[0] === undefined) throw new NothingToRetryError(row.serviceId);

      return claim[0];
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      { applicationId: id, officer, operationId: claimed.id },
      'service operation retried',
    );

    return this.runAndShow(id, claimed.id);
  }

  private async runAndShow(id: string, operationId: string): Promise<DecisionResult> {
    const outcome = await this.runner.run(operationId);

    return { application: await this.show(id), issuedCredentials: outcome.issued };
  }

  private async show(id: string): Promise<ApplicationView> {
    const record = await this.repository.find(this.prisma, id);

    if (record === null) throw new ApplicationNotFoundError(id);

    return toApplicationView(record);
  }

  private async lockApplication(
    tx: DbTransaction,
    id: string,
    action: string,
    allowed: readonly ServiceStatus[],
  ): Promise<ServiceApplication> {
    const row = await this.repository.lock(tx, id);

    if (row === null) throw new ApplicationNotFoundError(id);
    if (!allowed.includes(row.status)) throw new ServiceStatusError(action, row.status, allowed);

    return row;
  }

  /**
   * Revocation supersedes an unfinished operation, whose remaining steps then never run. Any
   * other action waits until the unfinished one is retried to completion.
   */
  private async closeOpenOperation(
    tx: DbTransaction,
    row: ServiceApplication,
    kind: OperationKind,
  ): Promise<void> {
    const open = await tx.serviceOperation.findFirst({
      where: { applicationId: row.id, status: { in: ['running', 'failed'] } },
    });

    if (open === null) return;

    if (kind !== 'revoke') {
      throw new OperationUnfinishedError(row.serviceId, kind, open.kind);
    }

    await tx.serviceOperation.update({ data: { status: 'superseded' }, where: { id: open.id } });
  }

  private async applyImmediateStatus(
    tx: DbTransaction,
    row: ServiceApplication,
    kind: OperationKind,
    reason: string,
    now: Date,
  ): Promise<void> {
    if (kind !== 'suspend' && kind !== 'revoke') return;

    const status = kind === 'suspend' ? 'suspended' : 'revoked';
    const updated = await tx.serviceApplication.update({
      data: { status, statusReason: reason },
      where: { id: row.id },
    });

    await enqueueServiceChange(
      tx,
      kind === 'suspend' ? ServiceSuspended : ServiceRevoked,
      updated,
      reason,
      now,
    );
  }
}
