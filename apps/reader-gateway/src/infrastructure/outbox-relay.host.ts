import { setTimeout as sleep } from 'node:timers/promises';

import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';
import { errorFields, type Logger } from '@bitaqa/observability';

import { LOGGER, OUTBOX_RELAY } from './tokens';

const RELAY_RETRY_MS = 5_000;

/** Shutdown waits this long for the relay's current batch, then leaves unsent rows for later. */
const RELAY_STOP_TIMEOUT_MS = 10_000;

/**
 * Runs the outbox relay while the app runs. It starts in the background and retries, so a
 * broker outage delays results without stopping the encoders.
 */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private started = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    if (!this.started) {
      return;
    }

    const stopped = await Promise.race([
      this.relay.stop().then(() => true),
      sleep(RELAY_STOP_TIMEOUT_MS, false, { ref: false }),
    ]);
    if (!stopped) {
      this.logger.warn({ timeoutMs: RELAY_STOP_TIMEOUT_MS }, 'outbox relay did not stop in time');
    }
  }

  private start(): void {
    this.relay.start().then(
      () => {
        this.started = true;
      },
      (error: unknown) => {
        this.logger.warn(
          { err: errorFields(error), retryMs: RELAY_RETRY_MS },
          'outbox relay start failed, retrying',
        );
        if (!this.stopping) {
          this.timer = setTimeout(() => this.start(), RELAY_RETRY_MS);
        }
      },
    );
  }
}
