import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';

import { OUTBOX_RELAY } from './tokens';

/**
 * Runs the outbox relay for the life of the app. The relay starts in the background, so the
 * API takes requests while Kafka is down; events wait in the outbox until the broker is back.
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
