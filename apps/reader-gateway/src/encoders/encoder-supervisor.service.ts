import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { CardHopper, PcscClient } from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { EncoderConfig, ReaderGatewayConfig } from '../config';
import { GATEWAY_CONFIG, LOGGER } from '../infrastructure/tokens';
import { JobRepository } from '../jobs/job.repository';

import { EncoderRepository } from './encoder.repository';
import { EncoderWorker } from './encoder-worker';
import { JobOutcomes } from './job-outcomes.service';

/**
 * Starts one worker per configured encoder when the app starts, after the simulated card
 * feeders of encoders that have one. Stops them all before the app shuts down.
 */
@Injectable()
export class EncoderSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers: EncoderWorker[] = [];
  private readonly feeders = new Map<string, CardHopper>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: ReaderGatewayConfig,
    private readonly encoders: EncoderRepository,
    private readonly jobs: JobRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outcomes: JobOutcomes,
  ) {}

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

    const pcsc = new PcscClient({ transmitTimeoutMs: this.config.transmitTimeoutMs });
    for (const encoder of this.config.encoders) {
      const worker = new EncoderWorker(encoder, this.config, {
        encoders: this.encoders,
        jobs: this.jobs,
        logger: this.logger,
        outcomes: this.outcomes,
        pcsc,
      });
      worker.start();
      this.workers.push(worker);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.stop()));
    await Promise.all([...this.feeders.values()].map((feeder) => feeder.stop()));
    this.feeders.clear();
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
