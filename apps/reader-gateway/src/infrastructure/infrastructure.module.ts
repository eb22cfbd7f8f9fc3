import { type DynamicModule, Global, Module } from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { AuthorizationSource } from '../authority/authorization';
import type { ReaderGatewayConfig } from '../config';
import type { ReaderDirectory } from '../encoders/reader-watch';

import { Clock } from './clock';
import { OutboxRelayHost } from './outbox-relay.host';
import { PrismaService } from './prisma.service';
import {
  AUTHORIZATION_SOURCE,
  GATEWAY_CONFIG,
  LOGGER,
  OUTBOX_RELAY,
  READER_DIRECTORY,
} from './tokens';

/** Edges of the gateway that a caller may replace: the reader list and the authority's token. */
export interface GatewayEdges {
  authorization: AuthorizationSource;
  /** Null lists readers through pcscd. */
  readers: ReaderDirectory | null;
}

/**
 * Configuration, logger, clock, database client, outbox relay, reader directory and authority
 * token source of one gateway instance.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(
    config: ReaderGatewayConfig,
    logger: Logger,
    relay: OutboxRelay,
    edges: GatewayEdges,
  ): DynamicModule {
    return {
      exports: [
        AUTHORIZATION_SOURCE,
        Clock,
        GATEWAY_CONFIG,
        LOGGER,
        PrismaService,
        READER_DIRECTORY,
      ],
      module: InfrastructureModule,
      providers: [
        { provide: AUTHORIZATION_SOURCE, useValue: edges.authorization },
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: OUTBOX_RELAY, useValue: relay },
        { provide: READER_DIRECTORY, useValue: edges.readers },
        Clock,
        OutboxRelayHost,
        PrismaService,
      ],
    };
  }
}
