import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { IdentityRepository } from '../identities/identity.repository';
import { BindingRepository } from '../mobile/binding.repository';
import {
  maskMobileNumber,
  SMS_GATEWAY,
  SmsDeliveryError,
  type SmsGateway,
} from '../sms/sms-gateway';
import type { SmsSettings } from '../sms/sms-settings';

import { type ClaimedNotice, NotificationRepository } from './notification.repository';

/** Wait after a batch failed for a reason other than the operator (a database outage, say). */
const ERROR_BACKOFF_MS = 5_000;

/** Extra lease time beyond the gateway's own worst case, for the database steps around it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Drains the notification queue: claims due notices, sends each to the number bound at send
 * time, and records the outcome. Retriable operator failures make the notice due again with
 * exponential backoff until it is older than the configured maximum age, so an operator outage
 * delays notices without losing them. Each notice's id is its reference at the operator, which
 * delivers a repeated reference once, so a retry after a lost response does not send twice.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wakeRequested = false;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly bindings: BindingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly notices: NotificationRepository,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.config.sms;

    if (settings === undefined) {
      this.logger.info({}, 'notification sender off: no SMS operator configured');

      return;
    }

    this.running = this.loop(settings);
    this.logger.info(
      { batchSize: settings.notifications.batchSize },
      'notification sender started',
    );
  }

  /** Stops before the database client disconnects, so the sends under way can record their outcome. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    if (this.running) this.logger.info({}, 'notification sender stopped');
  }

  /** Starts the next round now instead of after the poll interval. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Claims one batch of due notices and delivers them; returns how many it claimed. */
  async sendDue(settings: SmsSettings): Promise<number> {
    const claimed = await this.notices.claimDue(
      settings.notifications.batchSize,
      leaseMs(settings),
    );

    await Promise.all(claimed.map((notice) => this.deliver(settings, notice)));

    return claimed.length;
  }

  private async loop(settings: SmsSettings): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;

      try {
        claimed = await this.sendDue(settings);
      } catch (error) {
        this.logger.error({ err: errorFields(error) }, 'notification batch failed, retrying');
        await this.idle(ERROR_BACKOFF_MS);
        continue;
      }
      if (claimed < settings.notifications.batchSize) {
        await this.idle(settings.notifications.pollIntervalMs);
      }
    }
  }

  /** Waits up to `ms`, or less when `wake()` is called. */
  private async idle(ms: number): Promise<void> {
    if (this.wakeRequested || this.stopping) {
      this.wakeRequested = false;

      return;
    }

    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);

      this.wakeUp = done;

      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
    this.wakeUp = undefined;
    this.wakeRequested = false;
  }

  private async deliver(settings: SmsSettings, notice: ClaimedNotice): Promise<void> {
    try {
      const recipient = await this.recipientOf(notice);

      if (recipient === undefined) return;

      const messageId = await this.gateway.send({
        reference: notice.id,
        text: notice.message,
        to: recipient,
      });

      await this.notices.markSent(notice.id, messageId, recipient);
      this.logger.info(
        {
          attempts: notice.attempts,
          notificationId: notice.id,
          operatorMessageId: messageId,
          to: maskMobileNumber(recipient),
        },
        'notification sent',
      );
    } catch (error) {
      if (error instanceof SmsDeliveryError) {
        await this.recordDeliveryFailure(settings, notice, error);

        return;
      }
      // The lease runs out and the notice is claimed again.
      this.logger.error(
        { err: errorFields(error), notificationId: notice.id },
        'notification delivery failed',
      );
    }
  }

  /**
   * Returns the number bound now. A notice for an identity that died, was merged or unbound
   * since it was queued fails instead.
   */
  private async recipientOf(notice: ClaimedNotice): Promise<string | undefined> {
    const identity = await this.identities.find(this.prisma, notice.nationalNumber);

    if (identity?.status !== 'active') {
      await this.fail(
        notice,
        'IDENTITY_NOT_ACTIVE',
        `identity is ${identity?.status ?? 'unknown'}`,
      );

      return undefined;
    }

    const binding = await this.bindings.findActive(this.prisma, notice.nationalNumber);

    if (binding === undefined) {
      await this.fail(notice, 'MOBILE_NOT_BOUND', 'the mobile number was unbound before sending');

      return undefined;
    }

    return binding.mobileNumber;
  }

  private async recordDeliveryFailure(
    settings: SmsSettings,
    notice: ClaimedNotice,
    error: SmsDeliveryError,
  ): Promise<void> {
    const { maxAgeSeconds, retryBaseMs, retryMaxMs } = settings.notifications;

    if (!error.retriable) {
      await this.fail(notice, error.code, error.message);

      return;
    }
    if (notice.ageMs >= maxAgeSeconds * 1000) {
      await this.fail(
        notice,
        'SMS_UNDELIVERED',
        `not delivered within ${maxAgeSeconds} s; last error ${error.code}: ${error.message}`,
      );

      return;
    }

    const delayMs = Math.min(retryMaxMs, retryBaseMs * 2 ** (notice.attempts - 1));

    await this.notices.retryLater(notice.id, delayMs, `${error.code}: ${error.message}`);
    this.logger.warn(
      { attempts: notice.attempts, code: error.code, delayMs, notificationId: notice.id },
      'notification not sent, retrying later',
    );
  }

  private async fail(notice: ClaimedNotice, code: string, reason: string): Promise<void> {
    await this.notices.markFailed(notice.id, code, reason);
    this.logger.warn(
      { attempts: notice.attempts, code, notificationId: notice.id, reason },
      'notification failed',
    );
  }
}

/**
 * Returns how long a claimed notice stays with its sender: the gateway's worst case (every try
 * timing out, with the longest backoff before each) plus a margin.
 */
function leaseMs(settings: SmsSettings): number {
  const { maxAttempts, retryBaseMs, timeoutMs } = settings.gateway;

  return maxAttempts * (timeoutMs + retryBaseMs * 2 ** (maxAttempts - 1)) + LEASE_MARGIN_MS;
}
