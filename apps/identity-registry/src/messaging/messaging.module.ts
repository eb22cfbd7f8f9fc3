import { Global, Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';

import { createKafka } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';

import { KAFKA } from './kafka.token';
import { OutboxRelayService } from './outbox-relay.service';

export const KAFKA_CLIENT_ID = 'identity-registry';

@Global()
@Module({
  exports: [KAFKA],
  providers: [
    {
      inject: [APP_CONFIG, LOGGER],
      provide: KAFKA,
      useFactory: (config: AppConfig, logger: Logger): Kafka =>
        createKafka({ brokers: config.kafkaBrokers, clientId: KAFKA_CLIENT_ID }, logger),
    },
    OutboxRelayService,
  ],
})
export class MessagingModule {}
