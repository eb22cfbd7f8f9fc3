import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';

import { OUTBOX_RELAY } from './tokens';

/**
 * Stops the outbox relay when the application closes, whether `close()` or a signal (Nest's
 * shutdown hooks) closes it, so an in-flight batch finishes before the process exits.
 */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay) {}

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
