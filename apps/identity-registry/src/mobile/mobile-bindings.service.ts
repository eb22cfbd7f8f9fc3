import { Inject, Injectable } from '@nestjs/common';

import { MobileNumberBound, MobileNumberUnbound } from '@bitaqa/contracts';
import { enqueueEvent, type TransactionRunner } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import { PrismaService } from '../database/prisma.service';
import { type UnitOfWork, unitOfWorkRunner } from '../database/unit-of-work';
import { EVENT_SOURCE } from '../messaging/event-source';

import { BindingRepository, type StoredBinding } from './binding.repository';
import { Clock } from './clock';
import type { MobileBinding, UnbindReason } from './mobile-binding';
import { MobileAudit } from './mobile-audit';
import { mobileNotBound } from './mobile-errors';

/**
 * Takes a transaction-scoped advisory lock on a mobile number, so two identities cannot both
 * take the last place on one number. The key is the number's digits (963 followed by nine
 * digits, above 9.6e11), above every national number key that `lockPersons` uses (below 1e11).
 */
export async function lockMobileNumber(unit: UnitOfWork, mobileNumber: string): Promise<void> {
  await unit.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::bigint)', mobileNumber.slice(1));
}

/**
 * Writes bindings and publishes MobileNumberBound and MobileNumberUnbound through the outbox in
 * the same transaction, with an audit entry for each change.
 */
@Injectable()
export class MobileBindings {
  private readonly inTransaction: TransactionRunner<UnitOfWork>;

  constructor(
    private readonly audit: MobileAudit,
    private readonly bindings: BindingRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {
    this.inTransaction = unitOfWorkRunner(prisma, logger);
  }

  /** @throws NotFoundError MOBILE_NOT_BOUND when the identity has no number bound. */
  async find(nationalNumber: string): Promise<MobileBinding> {
    const binding = await this.bindings.findActive(this.prisma, nationalNumber);

    if (binding === undefined) throw mobileNotBound(nationalNumber);

    return withoutId(binding);
  }

  /**
   * Binds the number of a confirmed challenge, replacing the identity's other number if it has
   * one. The caller holds the person's lock and has checked the number's identity limit under
   * `lockMobileNumber`.
   */
  async bind(
    unit: UnitOfWork,
    request: MobileBinding & { actor: string },
    challengeId: string,
    current: StoredBinding | undefined,
  ): Promise<void> {
    const { actor, ...binding } = request;

    if (current !== undefined) await this.end(unit, actor, current, 'replaced', binding.boundAt);

    await this.bindings.insert(unit.db, binding, challengeId);
    await this.audit.record(unit.db, {
      action: 'bound',
      actor,
      challengeId,
      mobileNumber: binding.mobileNumber,
      nationalNumber: binding.nationalNumber,
    });
    await enqueueEvent(
      unit,
      MobileNumberBound,
      {
        boundAt: binding.boundAt.toISOString(),
        mobileNumber: binding.mobileNumber,
        nationalNumber: binding.nationalNumber,
      },
      { source: EVENT_SOURCE },
    );
    this.logger.info(
      { challengeId, nationalNumber: binding.nationalNumber, replaced: current !== undefined },
      'mobile number bound',
    );
  }

  /**
   * Ends the identity's binding at the holder's request.
   *
   * @throws NotFoundError MOBILE_NOT_BOUND when the identity has no number bound.
   */
  async unbind(
    actor: string,
    nationalNumber: string,
  ): Promise<{ mobileNumber: string; unboundAt: Date }> {
    return this.inTransaction(async (unit) => {
      await lockPersons(unit, [nationalNumber]);

      const current = await this.bindings.findActive(unit.db, nationalNumber);

      if (current === undefined) throw mobileNotBound(nationalNumber);

      const unboundAt = this.clock.now();

      await this.end(unit, actor, current, 'holder-request', unboundAt);

      return { mobileNumber: current.mobileNumber, unboundAt };
    });
  }

  private async end(
    unit: UnitOfWork,
    actor: string,
    binding: StoredBinding,
    reason: UnbindReason,
    at: Date,
  ): Promise<void> {
    await this.bindings.end(unit.db, binding.id, reason, at);
    await this.audit.record(unit.db, {
      action: 'unbound',
      actor,
      detail: { reason },
      mobileNumber: binding.mobileNumber,
      nationalNumber: binding.nationalNumber,
    });
    await enqueueEvent(
      unit,
      MobileNumberUnbound,
      {
        mobileNumber: binding.mobileNumber,
        nationalNumber: binding.nationalNumber,
        reason,
        unboundAt: at.toISOString(),
      },
      { source: EVENT_SOURCE },
    );
    this.logger.info({ nationalNumber: binding.nationalNumber, reason }, 'mobile number unbound');
  }
}

function withoutId(binding: StoredBinding): MobileBinding {
  return {
    boundAt: binding.boundAt,
    mobileNumber: binding.mobileNumber,
    nationalNumber: binding.nationalNumber,
  };
}
