import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import type { TransactionRunner } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import { PrismaService } from '../database/prisma.service';
import { type UnitOfWork, unitOfWorkRunner } from '../database/unit-of-work';
import { IdentityRepository } from '../identities/identity.repository';
import {
  maskMobileNumber,
  SMS_GATEWAY,
  SmsDeliveryError,
  type SmsGateway,
} from '../sms/sms-gateway';
import { requireSmsSettings } from '../sms/sms-enabled.guard';
import type { SmsSettings } from '../sms/sms-settings';

import { BindingRepository } from './binding.repository';
import { ChallengeRepository } from './challenge.repository';
import { Clock } from './clock';
import { CodeRequestLimiter } from './code-request-limiter';
import type { BindingRequest, CodeChallenge, CodeRequestReceipt } from './mobile-binding';
import { MobileAudit } from './mobile-audit';
import {
  alreadyBound,
  deliveryFailed,
  numberLimitReached,
  requireActiveIdentity,
} from './mobile-errors';
import { codeDigest, generateCode } from './one-time-code';
import { TooManyRequestsError } from './too-many-requests';

/** Arabic for "valid for N minutes", with the noun form Arabic uses after each count. */
function validityText(ttlSeconds: number): string {
  const minutes = Math.ceil(ttlSeconds / 60);

  if (minutes === 1) return 'صالح لمدة دقيقة واحدة';
  if (minutes === 2) return 'صالح لمدة دقيقتين';
  if (minutes <= 10) return `صالح لمدة ${minutes} دقائق`;

  return `صالح لمدة ${minutes} دقيقة`;
}

/** Builds the SMS text that carries a code. */
export function codeMessageText(code: string, ttlSeconds: number): string {
  return `رمز التحقق لربط رقم جوالك بهويتك: ${code}\n${validityText(ttlSeconds)}. لا تشاركه مع أحد.`;
}

/**
 * Sends one-time codes that confirm a mobile number. The code exists only in memory and in the
 * SMS; the database keeps its HMAC. A new request replaces the identity's pending code.
 */
@Injectable()
export class CodeRequests {
  private readonly inTransaction: TransactionRunner<UnitOfWork>;

  constructor(
    private readonly audit: MobileAudit,
    private readonly bindings: BindingRepository,
    private readonly challenges: ChallengeRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly identities: IdentityRepository,
    private readonly limiter: CodeRequestLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {
    this.inTransaction = unitOfWorkRunner(prisma, logger);
  }

  /**
   * Sends a code to `mobileNumber` for binding it to the identity.
   *
   * @throws IDENTITY_NOT_FOUND, IDENTITY_NOT_ACTIVE, MOBILE_ALREADY_BOUND,
   * MOBILE_NUMBER_LIMIT_REACHED, OTP_RATE_LIMITED (429), MOBILE_NUMBER_REJECTED or
   * SMS_DELIVERY_FAILED when the operator did not take the message.
   */
  async request(request: BindingRequest): Promise<CodeRequestReceipt> {
    const settings = requireSmsSettings(this.config);

    await this.checkEligible(settings, request);
    await this.takeRequestAllowance(settings, request);

    const code = generateCode();
    const challenge = await this.storeChallenge(settings, request, code);

    await this.send(request, challenge.id, codeMessageText(code, settings.oneTimeCodes.ttlSeconds));

    return {
      challengeId: challenge.id,
      expiresAt: challenge.expiresAt.toISOString(),
      maxAttempts: challenge.maxAttempts,
      mobileNumber: request.mobileNumber,
      nationalNumber: request.nationalNumber,
    };
  }

  /** Rejects requests that could never bind, before they use up a rate-limit allowance. */
  private async checkEligible(settings: SmsSettings, request: BindingRequest): Promise<void> {
    const { mobileNumber, nationalNumber } = request;

    await requireActiveIdentity(this.identities, this.prisma, nationalNumber);

    const current = await this.bindings.findActive(this.prisma, nationalNumber);

    if (current?.mobileNumber === mobileNumber) throw alreadyBound(nationalNumber, mobileNumber);

    const sharing = await this.bindings.countActiveForNumber(
      this.prisma,
      mobileNumber,
      nationalNumber,
    );

    if (sharing >= settings.maxIdentitiesPerNumber) {
      throw numberLimitReached(mobileNumber, settings.maxIdentitiesPerNumber);
    }
  }

  private async takeRequestAllowance(
    settings: SmsSettings,
    request: BindingRequest,
  ): Promise<void> {
    const { mobileNumber, nationalNumber } = request;
    const decision = await this.limiter.take(settings.oneTimeCodes, nationalNumber, mobileNumber);

    if (decision.allowed) return;

    await this.audit.record(this.prisma, {
      ...request,
      action: 'code_request_limited',
      detail: { limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds },
    });
    this.logger.info(
      { limit: decision.limit, nationalNumber, retryAfterSeconds: decision.retryAfterSeconds },
      'code request rate limited',
    );

    throw new TooManyRequestsError(
      'OTP_RATE_LIMITED',
      `too many code requests (${decision.limit} limit); retry in ${decision.retryAfterSeconds} s`,
      decision.retryAfterSeconds,
      { hint: 'wait for the code already sent, or retry after the given seconds' },
    );
  }

  /** Stores the new challenge in place of any pending one, under the person's lock. */
  private async storeChallenge(
    settings: SmsSettings,
    request: BindingRequest,
    code: string,
  ): Promise<CodeChallenge> {
    const { mobileNumber, nationalNumber } = request;
    const id = randomUUID();
    const now = this.clock.now();
    const challenge: CodeChallenge = {
      attempts: 0,
      codeDigest: codeDigest(settings.oneTimeCodes.hmacKey, id, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + settings.oneTimeCodes.ttlSeconds * 1000),
      id,
      maxAttempts: settings.oneTimeCodes.maxAttempts,
      mobileNumber,
      nationalNumber,
      status: 'pending',
    };

    await this.inTransaction(async (unit) => {
      await lockPersons(unit, [nationalNumber]);
      // The death or merge may have been applied since the check above.
      await requireActiveIdentity(this.identities, unit.db, nationalNumber);

      const superseded = await this.challenges.supersedePending(unit.db, nationalNumber, now);

      await this.challenges.insert(unit.db, challenge);
      await this.audit.record(unit.db, {
        ...request,
        action: 'code_requested',
        challengeId: id,
        detail: { expiresAt: challenge.expiresAt.toISOString(), supersededPending: superseded > 0 },
      });
    });

    return challenge;
  }

  private async send(request: BindingRequest, challengeId: string, text: string): Promise<void> {
    let messageId: string;

    try {
      messageId = await this.gateway.send({
        reference: challengeId,
        text,
        to: request.mobileNumber,
      });
    } catch (error) {
      if (!(error instanceof SmsDeliveryError)) throw error;

      await this.recordSendFailure(request, challengeId, error);
      throw deliveryFailed(error, request.mobileNumber);
    }

    await this.inTransaction(async (unit) => {
      await this.challenges.recordOperatorMessage(
        unit.db,
        challengeId,
        messageId,
        this.clock.now(),
      );
      await this.audit.record(unit.db, {
        ...request,
        action: 'code_sent',
        challengeId,
        detail: { operatorMessageId: messageId },
      });
    });
    this.logger.info(
      {
        challengeId,
        nationalNumber: request.nationalNumber,
        operatorMessageId: messageId,
        to: maskMobileNumber(request.mobileNumber),
      },
      'one-time code sent',
    );
  }

  private async recordSendFailure(
    request: BindingRequest,
    challengeId: string,
    error: SmsDeliveryError,
  ): Promise<void> {
    await this.inTransaction(async (unit) => {
      await this.challenges.markSendFailed(unit.db, challengeId, this.clock.now());
      await this.audit.record(unit.db, {
        ...request,
        action: 'code_send_failed',
        challengeId,
        detail: {
          code: error.code,
          httpStatus: error.httpStatus ?? null,
          retriable: error.retriable,
        },
      });
    });
    this.logger.warn(
      {
        challengeId,
        code: error.code,
        httpStatus: error.httpStatus,
        nationalNumber: request.nationalNumber,
        retriable: error.retriable,
      },
      'one-time code not sent',
    );
  }
}
