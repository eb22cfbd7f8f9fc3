import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';

import { OUTBOX_RELAY } from './tokens';

/**
 * Runs the outbox relay while the app runs. It starts in the background and retries, so a
 * broker outage delays results without stopping the encoders.
 */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.startInBackground();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stopWithin();
  }
}
