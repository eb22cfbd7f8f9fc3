import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { AgencyPolicies } from '../agencies/agency-policies.service';
import { ForbiddenError } from '../agencies/auth/auth-errors';
import type { Caller } from '../agencies/auth/caller';
import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { IdentityRepository } from '../identities/identity.repository';
import { BindingRepository } from '../mobile/binding.repository';
import { requireActiveIdentity } from '../mobile/mobile-errors';
import { decideAccess } from '../verifications/access-policy';

import type { NotificationReceipt, NotificationRequest, SmsNotice } from './notification';
import { NotificationRepository } from './notification.repository';
import { NotificationSender } from './notification-sender.service';

/** Fields that must repeat exactly when a caller sends a reference again. */
const REPEATED_FIELDS = ['message', 'nationalNumber', 'purpose'] as const;

/** Queues SMS notices for identities with a bound number and reports their delivery. */
@Injectable()
export class Notifications {
  constructor(
    private readonly bindings: BindingRepository,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly notices: NotificationRepository,
    private readonly policies: AgencyPolicies,
    private readonly prisma: PrismaService,
    private readonly sender: NotificationSender,
  ) {}

  /**
   * Queues a notice. A request repeating an earlier reference of the same caller returns the
   * earlier notice and queues nothing.
   *
   * @throws POLICY_NOT_APPROVED or PURPOSE_NOT_PERMITTED (403) unless the agency's policy lists
   * the purpose, IDENTITY_NOT_FOUND (404), IDENTITY_NOT_ACTIVE (422), MOBILE_NOT_BOUND (422),
   * REFERENCE_REUSED (409) when the reference came before with other content.
   */
  async accept(callerId: string, request: NotificationRequest): Promise<NotificationReceipt> {
    await this.requirePurpose(callerId, request.purpose);

    const earlier = await this.notices.findByReference(callerId, request.reference);

    if (earlier !== undefined) return repeatOf(earlier, request);

    await requireActiveIdentity(this.identities, this.prisma, request.nationalNumber);
    if ((await this.bindings.findActive(this.prisma, request.nationalNumber)) === undefined) {
      throw new RuleViolationError(
        'MOBILE_NOT_BOUND',
        `identity ${request.nationalNumber} has no mobile number bound`,
        {
          field: 'nationalNumber',
          hint: 'reach the person another way; they can bind a number at a registry office',
          value: request.nationalNumber,
        },
      );
    }

    const id = randomUUID();

    if (!(await this.notices.insertIfAbsent(this.prisma, id, callerId, request))) {
      // A concurrent request with the same reference won the insert.
      const winner = await this.notices.findByReference(callerId, request.reference);

      if (winner === undefined) {
        throw new Error(
          `reference ${request.reference} of ${callerId} conflicted but is not stored`,
        );
      }

      return repeatOf(winner, request);
    }

    this.logger.info(
      {
        callerId,
        nationalNumber: request.nationalNumber,
        notificationId: id,
        purpose: request.purpose,
      },
      'notification queued',
    );
    this.sender.wake();

    return { notificationId: id, status: 'queued' };
  }

  /** Rejects a notice whose purpose the agency's approved policy does not list. */
  private async requirePurpose(callerId: string, purpose: string): Promise<void> {
    const decision = decideAccess(callerId, await this.policies.current(callerId), purpose, []);

    if (decision.permitted) return;

    const { denial } = decision;

    this.logger.info({ callerId, code: denial.code, purpose }, 'notification denied');
    throw new ForbiddenError(denial.code, denial.message, {
      field: denial.field,
      hint: denial.hint,
      value: denial.value,
    });
  }

  /** @throws NotFoundError NOTIFICATION_NOT_FOUND, also for another agency's notice. */
  async get(caller: Caller, id: string): Promise<SmsNotice> {
    const notice = await this.notices.find(id);
    const visible =
      notice !== undefined && (caller.kind === 'operator' || notice.callerId === caller.serviceId);

    if (!visible) {
      throw new NotFoundError('NOTIFICATION_NOT_FOUND', `no notification ${id} for this caller`, {
        field: 'id',
        hint: 'use the notificationId returned when the notice was queued',
        value: id,
      });
    }

    return notice;
  }
}

function repeatOf(earlier: SmsNotice, request: NotificationRequest): NotificationReceipt {
  const differing = REPEATED_FIELDS.find((field) => earlier[field] !== request[field]);

  if (differing !== undefined) {
    throw new ConflictError(
      'REFERENCE_REUSED',
      `reference ${request.reference} was used for notification ${earlier.id} with a different ${differing}`,
      {
        field: differing,
        hint: 'send a new reference for a new notice, or repeat the earlier request exactly',
        value: request.reference,
      },
    );
  }

  return { notificationId: earlier.id, status: earlier.status };
}
