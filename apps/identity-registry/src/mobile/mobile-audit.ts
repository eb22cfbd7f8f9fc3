import { Injectable } from '@nestjs/common';

import { currentCorrelationId } from '@bitaqa/observability';

import type { Caller } from '../agencies/auth/caller';
import type { Prisma } from '../generated/prisma/client';

export type MobileAuditAction =
  | 'bind_refused'
  | 'bound'
  | 'code_attempts_exceeded'
  | 'code_expired'
  | 'code_rejected'
  | 'code_request_limited'
  | 'code_requested'
  | 'code_send_failed'
  | 'code_sent'
  | 'unbound';

/** Names the caller in the audit log: `operator`, `agency:<service id>` or `app:<service id>`. */
export function actorOf(caller: Caller): string {
  return caller.kind === 'operator' ? 'operator' : `${caller.kind}:${caller.serviceId}`;
}

/** One step of mobile binding. `detail` never carries a code or a digest of one. */
export interface MobileAuditRecord {
  action: MobileAuditAction;
  actor: string;
  challengeId?: string;
  detail?: Record<string, boolean | number | string | null>;
  mobileNumber?: string;
  nationalNumber: string;
}

/** Appends to the mobile binding audit log, inside the caller's transaction when given one. */
@Injectable()
export class MobileAudit {
  async record(db: Prisma.TransactionClient, entry: MobileAuditRecord): Promise<void> {
    await db.mobileAuditEntry.create({
      data: {
        action: entry.action,
        actor: entry.actor,
        challengeId: entry.challengeId ?? null,
        correlationId: currentCorrelationId() ?? null,
        detail: entry.detail ?? {},
        mobileNumber: entry.mobileNumber ?? null,
        nationalNumber: entry.nationalNumber,
      },
    });
  }
}
