import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';

import { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';

import { KAFKA } from './kafka.token';

/**
 * Runs the outbox relay for as long as the app runs. It stops at application shutdown, after
 * the event consumer; rows it has not sent by then stay in the outbox for the next start.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.relay = new OutboxRelay({
      databaseUrl: config.databaseUrl,
      kafka,
      logger,
      topicPrefix: config.kafkaTopicPrefix,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
