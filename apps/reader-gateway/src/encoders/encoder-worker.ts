import { setTimeout as sleep } from 'node:timers/promises';

import {
  CardError,
  type PcscCardConnection,
  type PcscClient,
  type PersonalizationResult,
  personalizeCard,
  ReaderError,
} from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { EncoderConfig } from '../config';
import type { PersonalizationJob } from '../jobs/job';
import type { JobRepository } from '../jobs/job.repository';

import { classifyCardFailure } from './card-failure';
import type { EncoderRepository } from './encoder.repository';
import type { JobOutcomes } from './job-outcomes.service';

export interface EncoderWorkerDependencies {
  encoders: EncoderRepository;
  jobs: JobRepository;
  logger: Logger;
  outcomes: JobOutcomes;
  pcsc: PcscClient;
}

export interface EncoderWorkerTiming {
  cardWaitTimeoutMs: number;
  jobPollIntervalMs: number;
  maxCardsPerJob: number;
}

/** Pause after an unexpected failure (reader gone, database down) before the next job. */
const FAILURE_BACKOFF_MS = 2_000;

/** Tries at recording a personalized card before the job is given back to the queue. */
const RECORD_ATTEMPTS = 3;

/** Reader errors after which the encoder is offline until the reader comes back. */
const OFFLINE_CODES: ReadonlySet<string> = new Set(['READER_NOT_FOUND', 'PCSC_UNAVAILABLE']);

/** End of an encoder's hold on a job: finished, or given back to the queue. */
type JobEnd = 'finished' | 'released';

/**
 * Runs one encoder: claims queued jobs, waits for a blank card, personalizes it and records the
 * outcome. A card that fails is powered off, so the feeder moves it out, and the job continues
 * on the next card until it is done or has used up its cards.
 */
export class EncoderWorker {
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly log: Logger;

  constructor(
    private readonly encoder: EncoderConfig,
    private readonly timing: EncoderWorkerTiming,
    private readonly deps: EncoderWorkerDependencies,
  ) {
    this.log = deps.logger.child({ encoderId: encoder.id, readerName: encoder.readerName });
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the current card; a job without a finished card goes back to the queue. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    this.log.info({}, 'encoder started');
    while (!this.stopping) {
      try {
        const job = await this.deps.jobs.claimNext(this.encoder.id);
        if (job === null) {
          await this.deps.encoders.setStatus(this.encoder.id, 'idle', null);
          await this.pause(this.timing.jobPollIntervalMs);
          continue;
        }

        this.log.info(
          { cardNumber: job.cardNumber, jobId: job.jobId },
          'personalization job claimed',
        );
        const end = await this.processJob(job).catch((error: unknown): JobEnd => {
          this.log.error(
            { err: errorFields(error), jobId: job.jobId },
            'personalization job interrupted',
          );

          return 'released';
        });
        if (end === 'released') {
          await this.deps.jobs.release(job.jobId);
          this.log.info({ jobId: job.jobId }, 'personalization job released');
        }
      } catch (error) {
        this.log.error({ err: errorFields(error) }, 'encoder loop failed, retrying');
        await this.pause(FAILURE_BACKOFF_MS);
      }
    }

    await this.deps.encoders.setStatus(this.encoder.id, 'offline', null).catch(() => undefined);
    this.log.info({}, 'encoder stopped');
  }

  /** Tries cards for one job until it is finished or must go back to the queue. */
  private async processJob(job: PersonalizationJob): Promise<JobEnd> {
    while (!this.stopping) {
      await this.deps.encoders.setStatus(this.encoder.id, 'waiting_for_card', job.jobId);
      const connection = await this.waitForCard(job);
      if (connection === null) {
        return 'released';
      }

      await this.deps.encoders.setStatus(this.encoder.id, 'personalizing', job.jobId);
      if ((await this.personalize(job, connection)) === 'finished') {
        return 'finished';
      }
    }

    return 'released';
  }

  /** Returns a connection to the next card, or null when the job should go back to the queue. */
  private async waitForCard(job: PersonalizationJob): Promise<PcscCardConnection | null> {
    try {
      return await this.deps.pcsc.connectWhenPresent(this.encoder.readerName, {
        signal: this.abort.signal,
        timeoutMs: this.timing.cardWaitTimeoutMs,
      });
    } catch (error) {
      if (!(error instanceof ReaderError)) {
        throw error;
      }

      if (error.code !== 'DISCONNECTED') {
        this.log.warn({ err: errorFields(error), jobId: job.jobId }, 'no card to personalize');
        await this.deps.encoders.recordError(this.encoder.id, error.code, error.message);
      }

      if (OFFLINE_CODES.has(error.code)) {
        await this.deps.encoders.setStatus(this.encoder.id, 'offline', null);
        await this.pause(FAILURE_BACKOFF_MS);
      }

      return null;
    }
  }

  private async personalize(
    job: PersonalizationJob,
    connection: PcscCardConnection,
  ): Promise<JobEnd | 'next-card'> {
    try {
      const result = await personalizeCard(connection, job.personalization);
      this.disconnect(connection);
      await this.recordCompleted(job, result);

      return 'finished';
    } catch (error) {
      // Powering the card off makes the feeder move a spoiled or rejected card out.
      this.disconnect(connection);
      const failure = classifyCardFailure(error);
      const serial =
        error instanceof CardError && typeof error.details['serial'] === 'string'
          ? error.details['serial']
          : null;
      await this.deps.encoders.recordError(this.encoder.id, failure.code, failure.reason);
      const finished = await this.deps.outcomes.cardFailed(
        job,
        this.encoder.id,
        failure,
        this.timing.maxCardsPerJob,
        serial,
      );

      return finished ? 'finished' : 'next-card';
    }
  }

  /**
   * Records a personalized card, retrying while the database fails. The card has left the
   * encoder by then, so when every retry fails the error propagates and the job is redone
   * on a new card.
   */
  private async recordCompleted(
    job: PersonalizationJob,
    result: PersonalizationResult,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps.outcomes.completed(job, this.encoder.id, result);

        return;
      } catch (error) {
        const fields = {
          attempt,
          chipSerial: result.serial,
          err: errorFields(error),
          jobId: job.jobId,
        };
        if (attempt >= RECORD_ATTEMPTS) {
          this.log.error(fields, 'personalized card not recorded');
          throw error;
        }

        this.log.warn(fields, 'recording personalized card failed, retrying');
        await sleep(FAILURE_BACKOFF_MS);
      }
    }
  }

  private disconnect(connection: PcscCardConnection): void {
    try {
      connection.disconnect('unpower');
    } catch (error) {
      this.log.warn({ err: errorFields(error) }, 'card disconnect failed');
    }
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.abort.signal });
    } catch {
      // Aborted by stop(): the loop condition ends the wait.
    }
  }
}
