import { Inject, Injectable } from '@nestjs/common';

import { RuleViolationError } from '@bitaqa/http';
import type { TransactionRunner } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import { PrismaService } from '../database/prisma.service';
import { type UnitOfWork, unitOfWorkRunner } from '../database/unit-of-work';
import { IdentityRepository } from '../identities/identity.repository';
import { requireSmsSettings } from '../sms/sms-enabled.guard';
import type { SmsSettings } from '../sms/sms-settings';

import { BindingRepository } from './binding.repository';
import { ChallengeRepository } from './challenge.repository';
import { Clock } from './clock';
import type { CodeChallenge, MobileBinding } from './mobile-binding';
import { MobileAudit } from './mobile-audit';
import { lockMobileNumber, MobileBindings } from './mobile-bindings.service';
import { numberLimitReached, requireActiveIdentity } from './mobile-errors';
import { codeMatches } from './one-time-code';
import { TooManyRequestsError } from './too-many-requests';

/**
 * The result of one confirmation, decided and recorded in one transaction. Failed guesses must
 * commit their attempt count, so the service throws only after the commit.
 */
type Confirmation =
  | { binding: MobileBinding; kind: 'bound' }
  | { attemptsLeft: number; kind: 'invalid' }
  | { kind: 'exhausted' }
  | { kind: 'expired' }
  | { kind: 'not-requested' }
  | { kind: 'number-limit'; limit: number; mobileNumber: string };

/** Checks one-time codes and binds the number when the code is right. */
@Injectable()
export class CodeConfirmations {
  private readonly inTransaction: TransactionRunner<UnitOfWork>;

  constructor(
    private readonly audit: MobileAudit,
    private readonly bindingWriter: MobileBindings,
    private readonly bindings: BindingRepository,
    private readonly challenges: ChallengeRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    prisma: PrismaService,
  ) {
    this.inTransaction = unitOfWorkRunner(prisma, logger);
  }

  /**
   * Binds the number of the identity's pending code when `code` matches it.
   *
   * @throws OTP_INVALID (422, with `attemptsLeft`), OTP_EXPIRED (422), OTP_ATTEMPTS_EXCEEDED
   * (429), OTP_NOT_REQUESTED (422), MOBILE_NUMBER_LIMIT_REACHED (422), IDENTITY_NOT_FOUND,
   * IDENTITY_NOT_ACTIVE.
   */
  async confirm(actor: string, nationalNumber: string, code: string): Promise<MobileBinding> {
    const settings = requireSmsSettings(this.config);
    const outcome = await this.inTransaction(async (unit) => {
      await lockPersons(unit, [nationalNumber]);
      await requireActiveIdentity(this.identities, unit.db, nationalNumber);

      const challenge = await this.challenges.findPending(unit.db, nationalNumber);

      if (challenge === undefined) return this.withoutPendingCode(unit, actor, nationalNumber);

      return this.check(unit, settings, { ...challenge, actor }, code);
    });

    this.logger.info({ nationalNumber, outcome: outcome.kind }, 'one-time code checked');
    if (outcome.kind === 'bound') return outcome.binding;

    throw confirmationError(outcome, settings);
  }

  private async withoutPendingCode(
    unit: UnitOfWork,
    actor: string,
    nationalNumber: string,
  ): Promise<Confirmation> {
    const latest = await this.challenges.findLatest(unit.db, nationalNumber);

    if (latest?.status === 'expired') return { kind: 'expired' };
    if (latest?.status !== 'exhausted') return { kind: 'not-requested' };

    await this.audit.record(unit.db, {
      action: 'code_attempts_exceeded',
      actor,
      challengeId: latest.id,
      mobileNumber: latest.mobileNumber,
      nationalNumber,
    });

    return { kind: 'exhausted' };
  }

  private async check(
    unit: UnitOfWork,
    settings: SmsSettings,
    challenge: CodeChallenge & { actor: string },
    code: string,
  ): Promise<Confirmation> {
    const now = this.clock.now();
    const entry = {
      actor: challenge.actor,
      challengeId: challenge.id,
      mobileNumber: challenge.mobileNumber,
      nationalNumber: challenge.nationalNumber,
    };

    if (now.getTime() >= challenge.expiresAt.getTime()) {
      await this.challenges.update(unit.db, challenge.id, { status: 'expired' }, now);
      await this.audit.record(unit.db, { ...entry, action: 'code_expired' });

      return { kind: 'expired' };
    }

    const attempts = challenge.attempts + 1;

    if (!codeMatches(settings.oneTimeCodes.hmacKey, challenge.id, code, challenge.codeDigest)) {
      const attemptsLeft = challenge.maxAttempts - attempts;
      const status = attemptsLeft === 0 ? 'exhausted' : 'pending';

      await this.challenges.update(unit.db, challenge.id, { attempts, status }, now);
      await this.audit.record(unit.db, {
        ...entry,
        action: 'code_rejected',
        detail: { attemptsLeft },
      });

      return { attemptsLeft, kind: 'invalid' };
    }

    await this.challenges.update(unit.db, challenge.id, { attempts, status: 'confirmed' }, now);

    return this.bindConfirmed(unit, settings, challenge, now);
  }

  private async bindConfirmed(
    unit: UnitOfWork,
    settings: SmsSettings,
    challenge: CodeChallenge & { actor: string },
    now: Date,
  ): Promise<Confirmation> {
    const { actor, mobileNumber, nationalNumber } = challenge;
    const binding = { boundAt: now, mobileNumber, nationalNumber };

    await lockMobileNumber(unit, mobileNumber);

    const current = await this.bindings.findActive(unit.db, nationalNumber);

    // Bound meanwhile through another code for the same number: the code was right, so agree.
    if (current?.mobileNumber === mobileNumber) {
      return { binding: { ...binding, boundAt: current.boundAt }, kind: 'bound' };
    }

    const sharing = await this.bindings.countActiveForNumber(unit.db, mobileNumber, nationalNumber);

    if (sharing >= settings.maxIdentitiesPerNumber) {
      await this.audit.record(unit.db, {
        action: 'bind_refused',
        actor,
        challengeId: challenge.id,
        detail: { code: 'MOBILE_NUMBER_LIMIT_REACHED', identitiesOnNumber: sharing },
        mobileNumber,
        nationalNumber,
      });

      return { kind: 'number-limit', limit: settings.maxIdentitiesPerNumber, mobileNumber };
    }

    await this.bindingWriter.bind(unit, { ...binding, actor }, challenge.id, current);

    return { binding, kind: 'bound' };
  }
}

function confirmationError(
  outcome: Exclude<Confirmation, { kind: 'bound' }>,
  settings: SmsSettings,
): Error {
  const hint = 'request a new code with POST /identities/:nationalNumber/mobile';

  switch (outcome.kind) {
    case 'invalid':
      return new RuleViolationError(
        'OTP_INVALID',
        `the code does not match; ${outcome.attemptsLeft} attempts left`,
        {
          attemptsLeft: outcome.attemptsLeft,
          field: 'code',
          hint: outcome.attemptsLeft > 0 ? 'check the code in the SMS and try again' : hint,
        } as object,
      );
    case 'expired':
      return new RuleViolationError('OTP_EXPIRED', 'the code has expired', {
        field: 'code',
        hint,
      });
    case 'exhausted':
      return new TooManyRequestsError(
        'OTP_ATTEMPTS_EXCEEDED',
        `the code was guessed wrong ${settings.oneTimeCodes.maxAttempts} times and no longer works`,
        // A new code may be requested once the resend interval has passed.
        settings.oneTimeCodes.resendIntervalSeconds || 1,
        { field: 'code', hint },
      );
    case 'not-requested':
      return new RuleViolationError('OTP_NOT_REQUESTED', 'no code is pending for this identity', {
        field: 'code',
        hint,
      });
    case 'number-limit':
      return numberLimitReached(outcome.mobileNumber, outcome.limit);
  }
}
