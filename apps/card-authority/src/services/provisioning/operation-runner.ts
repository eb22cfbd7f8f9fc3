import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { CLOCK, type Clock, LOGGER } from '../../core.module';
import { PrismaService } from '../../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../../database/transaction';
import type { ServiceOperation, ServiceOperationStep } from '../../generated/prisma/client';
import type { OperationKind } from '../application';

import {
  type IssuedCredentials,
  OPERATION_PLANS,
  OPERATION_STEPS,
  type OperationStep,
  type StepName,
  type StepOutcome,
} from './operation-step';
import { stepErrorOf } from './step-error';

/** Outcome of one run of an operation. */
export interface RunOutcome {
  /** Credentials created during this run. This is the only place their secret appears. */
  issued: IssuedCredentials | null;
  status: 'completed' | 'failed' | 'superseded';
}

/**
 * Runs an operation's steps in order and records each one, so a failed run stops at the failed
 * step and records the error, and a retry resumes there without repeating the steps already done.
 */
@Injectable()
export class OperationRunner {
  private readonly steps: ReadonlyMap<StepName, OperationStep>;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    @Inject(OPERATION_STEPS) steps: OperationStep[],
  ) {
    this.steps = new Map(steps.map((step) => [step.name, step]));
  }

  /** Records a new running operation with its pending steps, inside the caller's transaction. */
  async create(
    tx: DbTransaction,
    applicationId: string,
    kind: OperationKind,
    reason: string,
    requestedBy: string,
  ): Promise<ServiceOperation> {
    const id = randomUUID();
    const operation = await tx.serviceOperation.create({
      data: { applicationId, id, kind, reason, requestedBy, status: 'running' },
    });

    await tx.serviceOperationStep.createMany({
      data: OPERATION_PLANS[kind].map((name, position) => ({ name, operationId: id, position })),
    });

    return operation;
  }

  /** Runs the steps that are not done yet. The operation must be claimed as running. */
  async run(operationId: string): Promise<RunOutcome> {
    let issued: IssuedCredentials | null = null;
    const steps = await this.prisma.serviceOperationStep.findMany({
      orderBy: { position: 'asc' },
      where: { operationId, status: { in: ['pending', 'failed'] } },
    });

    for (const step of steps) {
      const operation = await this.prisma.serviceOperation.findUniqueOrThrow({
        where: { id: operationId },
      });

      // NOTE: a revocation that supersedes this run does not stop the step in flight. Such a
      // step (an ACL grant, say) can land after the revocation removed access, and then stays
      // until someone removes it by hand.
      if (operation.status !== 'running') {
        return { issued, status: 'superseded' };
      }

      const outcome = await this.runStep(operation, step);

      if (outcome === null) {
        return { issued, status: 'failed' };
      }

      issued = outcome.issued ?? issued;
    }

    await this.prisma.serviceOperation.updateMany({
      data: { completedAt: this.clock.now(), status: 'completed' },
      where: { id: operationId, status: 'running' },
    });
    this.logger.info({ operationId }, 'service operation completed');

    return { issued, status: 'completed' };
  }

  /** Runs one step and records the outcome. Returns null when the step failed. */
  private async runStep(
    operation: ServiceOperation,
    step: ServiceOperationStep,
  ): Promise<StepOutcome | null> {
    const definition = this.steps.get(step.name as StepName);
    const fields = { operationId: operation.id, operationKind: operation.kind, step: step.name };

    if (definition === undefined) {
      throw new Error(`no provisioning step is named ${step.name}`);
    }

    try {
      const outcome =
        definition.kind === 'local'
          ? await this.prisma.$transaction(async (tx) => {
              const result = await definition.run(await this.context(tx, operation), tx);

              await this.markDone(tx, step, result);

              return result;
            }, TRANSACTION_OPTIONS)
          : await this.runRemote(definition, operation, step);

      this.logger.info({ ...fields, skipped: outcome.skipped === true }, 'service step done');

      return outcome;
    } catch (error) {
      await this.markFailed(operation, step, error);
      this.logger.error({ ...fields, err: errorFields(error) }, 'service step failed');

      return null;
    }
  }

  private async runRemote(
    definition: OperationStep & { kind: 'remote' },
    operation: ServiceOperation,
    step: ServiceOperationStep,
  ): Promise<StepOutcome> {
    const outcome = await definition.run(await this.context(this.prisma, operation));

    await this.markDone(this.prisma, step, outcome);

    return outcome;
  }

  private async context(tx: DbTransaction, operation: ServiceOperation) {
    const application = await tx.serviceApplication.findUniqueOrThrow({
      where: { id: operation.applicationId },
    });

    return { application, now: this.clock.now(), operation };
  }

  private async markDone(
    tx: DbTransaction,
    step: ServiceOperationStep,
    outcome: StepOutcome,
  ): Promise<void> {
    await tx.serviceOperationStep.update({
      data: {
        attempts: { increment: 1 },
        completedAt: this.clock.now(),
        result: outcome.result as object,
        status: outcome.skipped === true ? 'skipped' : 'done',
      },
      where: { operationId_name: { name: step.name, operationId: step.operationId } },
    });
  }

  private async markFailed(
    operation: ServiceOperation,
    step: ServiceOperationStep,
    error: unknown,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.serviceOperationStep.update({
        data: {
          attempts: { increment: 1 },
          lastError: { ...stepErrorOf(error) },
          status: 'failed',
        },
        where: { operationId_name: { name: step.name, operationId: step.operationId } },
      });
      await tx.serviceOperation.updateMany({
        data: { status: 'failed' },
        where: { id: operation.id, status: 'running' },
      });
    }, TRANSACTION_OPTIONS);
  }
}
