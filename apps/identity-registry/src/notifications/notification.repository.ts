import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { Prisma, SmsNotification as NoticeRow } from '../generated/prisma/client';

import type { NotificationRequest, SmsNotice } from './notification';

type Db = Prisma.TransactionClient;

/** A claimed notice: what the sender needs to deliver it. */
export interface ClaimedNotice {
  /** Milliseconds since the notice was queued, by the database clock. */
  ageMs: number;
  /** Sends tried so far, this one included. */
  attempts: number;
  id: string;
  message: string;
  nationalNumber: string;
}

/**
 * Takes up to $1 due notices and moves their due time $2 milliseconds ahead, which works as a
 * lease: a sender that crashes mid-send leaves the rows due again once the lease ends. SKIP LOCKED
 * lets several registry instances claim in parallel.
 */
const CLAIM_DUE = `
UPDATE sms_notifications
SET next_attempt_at = now() + $2::float8 * interval '1 millisecond', attempts = attempts + 1,
    updated_at = now()
WHERE id IN (
  SELECT id FROM sms_notifications
  WHERE status = 'queued' AND next_attempt_at <= now()
  ORDER BY next_attempt_at, id
  LIMIT $1::int
  FOR UPDATE SKIP LOCKED
)
RETURNING id, national_number, message, attempts,
  (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms`;

function toNotice(row: NoticeRow): SmsNotice {
  return {
    attempts: row.attempts,
    callerId: row.callerId,
    createdAt: row.createdAt,
    failureCode: row.failureCode,
    failureReason: row.failureReason,
    id: row.id,
    lastError: row.lastError,
    message: row.message,
    nationalNumber: row.nationalNumber,
    purpose: row.purpose,
    reference: row.reference,
    sentAt: row.sentAt,
    status: row.status,
  };
}

/** Reads and writes queued SMS notifications. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Queues a notice; returns false when the caller already used the reference. */
  async insertIfAbsent(
    db: Db,
    id: string,
    callerId: string,
    request: NotificationRequest,
  ): Promise<boolean> {
    const { count } = await db.smsNotification.createMany({
      data: [{ ...request, callerId, id }],
      skipDuplicates: true,
    });

    return count === 1;
  }

  async find(id: string): Promise<SmsNotice | undefined> {
    const row = await this.prisma.smsNotification.findUnique({ where: { id } });

    return row === null ? undefined : toNotice(row);
  }

  async findByReference(callerId: string, reference: string): Promise<SmsNotice | undefined> {
    const row = await this.prisma.smsNotification.findUnique({
      where: { callerId_reference: { callerId, reference } },
    });

    return row === null ? undefined : toNotice(row);
  }

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{
        age_ms: number;
        attempts: number;
        id: string;
        message: string;
        national_number: string;
      }>
    >(CLAIM_DUE, limit, leaseMs);

    return rows.map((row) => ({
      ageMs: row.age_ms,
      attempts: row.attempts,
      id: row.id,
      message: row.message,
      nationalNumber: row.national_number,
    }));
  }

  async markSent(id: string, operatorMessageId: string, sentTo: string): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `UPDATE sms_notifications
       SET status = 'sent', sent_at = now(), updated_at = now(), last_error = NULL,
           operator_message_id = $2, sent_to = $3
       WHERE id = $1::uuid AND status = 'queued'`,
      id,
      operatorMessageId,
      sentTo,
    );
  }

  async markFailed(id: string, code: string, reason: string): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `UPDATE sms_notifications
       SET status = 'failed', failure_code = $2, failure_reason = $3, updated_at = now()
       WHERE id = $1::uuid AND status = 'queued'`,
      id,
      code,
      reason,
    );
  }

  /** Makes a queued notice due again after `delayMs`, keeping the error that delayed it. */
  async retryLater(id: string, delayMs: number, lastError: string): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `UPDATE sms_notifications
       SET next_attempt_at = now() + $2::float8 * interval '1 millisecond', last_error = $3,
           updated_at = now()
       WHERE id = $1::uuid AND status = 'queued'`,
      id,
      delayMs,
      lastError,
    );
  }
}
