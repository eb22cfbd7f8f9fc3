export type NotificationStatus = 'failed' | 'queued' | 'sent';

/** A notice that a calling service requests the registry to send. */
export interface NotificationRequest {
  message: string;
  nationalNumber: string;
  /** The caller's reason, such as `fuel-turn`. */
  purpose: string;
  /** The caller's id for this notice; a repeated reference from one caller sends nothing twice. */
  reference: string;
}

/** A stored notification with its delivery state. */
export interface SmsNotice extends NotificationRequest {
  /** Sends tried so far. */
  attempts: number;
  /** Service id of the agency that queued the notice. */
  callerId: string;
  createdAt: Date;
  failureCode: string | null;
  failureReason: string | null;
  id: string;
  /** The last retriable failure, while the notice waits for another try. */
  lastError: string | null;
  sentAt: Date | null;
  status: NotificationStatus;
}

export interface NotificationReceipt {
  notificationId: string;
  status: NotificationStatus;
}

/** A notification as `GET /notifications/:id` returns it; the message text is not repeated. */
export interface NotificationView extends NotificationReceipt {
  attempts: number;
  createdAt: string;
  failure: { code: string; reason: string } | null;
  lastError: string | null;
  nationalNumber: string;
  purpose: string;
  reference: string;
  sentAt: string | null;
}

export function toNotificationView(notice: SmsNotice): NotificationView {
  return {
    attempts: notice.attempts,
    createdAt: notice.createdAt.toISOString(),
    failure:
      notice.failureCode === null
        ? null
        : { code: notice.failureCode, reason: notice.failureReason ?? '' },
    lastError: notice.lastError,
    nationalNumber: notice.nationalNumber,
    notificationId: notice.id,
    purpose: notice.purpose,
    reference: notice.reference,
    sentAt: notice.sentAt?.toISOString() ?? null,
    status: notice.status,
  };
}
