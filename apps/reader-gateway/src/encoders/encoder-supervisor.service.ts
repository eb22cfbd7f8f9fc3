import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { CardHopper, PcscClient } from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { AuthorizationSource } from '../authority/authorization';
import { CardSecretsClient } from '../authority/secrets-client';
import { SecretsVault } from '../authority/secrets-vault';
import type { EncoderConfig, ReaderGatewayConfig } from '../config';
import {
  AUTHORIZATION_SOURCE,
  GATEWAY_CONFIG,
  LOGGER,
  READER_DIRECTORY,
} from '../infrastructure/tokens';
import { JobRepository } from '../jobs/job.repository';

import type { ApduTiming } from './apdu-timing';
import { CardWriter } from './card-writer';
import { EncoderRepository } from './encoder.repository';
import { EncoderWorker } from './encoder-worker';
import { JobOutcomes } from './job-outcomes.service';
import { type ReaderDirectory, ReaderWatch } from './reader-watch';

/**
 * Starts the watch on pcscd's reader list and one worker per configured encoder when the app
 * starts, after the simulated card feeders of encoders that have one. Stops them all before
 * the app shuts down and drops any card secrets still held.
 */
@Injectable()
export class EncoderSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers: EncoderWorker[] = [];
  private readonly feeders = new Map<string, CardHopper>();
  private readonly pcsc: PcscClient;
  private readonly vault: SecretsVault | null;
  readonly readers: ReaderWatch;

  constructor(
    @Inject(AUTHORIZATION_SOURCE) authorization: AuthorizationSource,
    @Inject(GATEWAY_CONFIG) private readonly config: ReaderGatewayConfig,
    private readonly encoders: EncoderRepository,
    private readonly jobs: JobRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outcomes: JobOutcomes,
    @Inject(READER_DIRECTORY) directory: ReaderDirectory | null,
  ) {
    this.pcsc = new PcscClient({ transmitTimeoutMs: config.transmitTimeoutMs });
    this.readers = new ReaderWatch(
      directory ?? this.pcsc,
      config.encoders.map((encoder) => encoder.readerName),
      config.readerPollIntervalMs,
      logger.child({ component: 'reader-watch' }),
    );
    this.vault =
      config.authorityUrl === null
        ? null
        : new SecretsVault(
            new CardSecretsClient({
              authorization,
              baseUrl: config.authorityUrl,
              timeoutMs: config.authorityTimeoutMs,
            }),
          );
  }

  /** APDU counts and round-trip time of an encoder's worker, or null for an unknown id. */
  apduTiming(encoderId: string): ApduTiming | null {
    return this.workers.find((worker) => worker.encoderId === encoderId)?.apduTiming ?? null;
  }

  /** Secrets of jobs in progress held in memory, for tests that check they are dropped. */
  get heldSecrets(): number {
    return this.vault?.size ?? 0;
  }

  /** Simulated card feeders by encoder id, for tests and demos that inspect their output. */
  get simulatedFeeders(): ReadonlyMap<string, CardHopper> {
    return this.feeders;
  }

  async onApplicationBootstrap(): Promise<void> {
    const ids = this.config.encoders.map((encoder) => encoder.id);
    for (const encoder of this.config.encoders) {
      await this.encoders.register(encoder.id, encoder.readerName);
    }

    const released = await this.jobs.releaseAll(ids);
    if (released > 0) {
      this.logger.warn(
        { encoderIds: ids, jobs: released },
        'jobs left in progress returned to the queue',
      );
    }

    for (const encoder of this.config.encoders) {
      await this.startFeeder(encoder);
    }

    this.watchReaders();
    const writer = new CardWriter(this.vault);
    for (const encoder of this.config.encoders) {
      const worker = new EncoderWorker(encoder, this.config, {
        encoders: this.encoders,
        jobs: this.jobs,
        logger: this.logger,
        outcomes: this.outcomes,
        pcsc: this.pcsc,
        readers: this.readers,
        writer,
      });
      worker.start();
      this.workers.push(worker);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.readers.stop();
    await Promise.all(this.workers.splice(0).map((worker) => worker.stop()));
    this.vault?.discardAll();
    await Promise.all([...this.feeders.values()].map((feeder) => feeder.stop()));
    this.feeders.clear();
  }

  /** Stores when each reader was last seen whenever it appears or disappears. */
  private watchReaders(): void {
    const markSeen = (readerName: string): void => {
      const at = this.readers.lastSeenAt(readerName);
      const ids = this.config.encoders
        .filter((encoder) => encoder.readerName === readerName)
        .map((encoder) => encoder.id);
      for (const id of ids) {
        if (at !== null) {
          this.encoders.markSeen(id, at).catch((error: unknown) => {
            this.logger.error(
              { encoderId: id, err: errorFields(error) },
              'storing last seen failed',
            );
          });
        }
      }
    };
    this.readers.on('present', markSeen);
    this.readers.on('absent', markSeen);
    this.readers.start();
  }

  private async startFeeder(encoder: EncoderConfig): Promise<void> {
    const settings = encoder.feeder;
    if (settings === undefined) {
      return;
    }

    const log = this.logger.child({ encoderId: encoder.id, feeder: 'simulated' });
    const feeder = new CardHopper({
      host: settings.vpcdHost,
      mode: settings.mode,
      port: settings.vpcdPort,
      pulledCards: settings.pulledCards ?? [],
    });
    feeder.on('loaded', (image) => log.info({ chipSerial: image.serial }, 'blank card loaded'));
    feeder.on('personalized', (image) =>
      log.info({ chipSerial: image.serial }, 'personalized card ejected'),
    );
    feeder.on('spoiled', (image) =>
      log.warn({ chipSerial: image.serial }, 'spoiled card rejected'),
    );
    feeder.on('insert-failed', (message) =>
      log.error({ message }, 'card feeder cannot reach vpcd'),
    );
    try {
      await feeder.start();
      this.feeders.set(encoder.id, feeder);
    } catch (error) {
      log.error(
        { err: errorFields(error), vpcdPort: settings.vpcdPort },
        'card feeder failed to start',
      );
    }
  }
}
