import { setTimeout as sleep } from 'node:timers/promises';

import {
  CardError,
  type PcscCardConnection,
  type PcscClient,
  type PersonalizationResult,
  ReaderError,
} from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import { SecretsRequestError } from '../authority/secrets-error';
import type { EncoderConfig } from '../config';
import type { PersonalizationJob } from '../jobs/job';
import type { JobRepository } from '../jobs/job.repository';

import { ApduTiming } from './apdu-timing';
import { classifyCardFailure } from './card-failure';
import type { CardWriter } from './card-writer';
import type { EncoderStatus } from './encoder';
import type { EncoderRepository } from './encoder.repository';
import type { JobOutcomes } from './job-outcomes.service';
import type { ReaderWatch } from './reader-watch';

export interface EncoderWorkerDependencies {
  encoders: EncoderRepository;
  jobs: JobRepository;
  logger: Logger;
  outcomes: JobOutcomes;
  pcsc: PcscClient;
  readers: ReaderWatch;
  writer: CardWriter;
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
 * Runs one encoder: claims queued jobs while its reader is present, waits for a blank card,
 * writes it and records the outcome. A card that fails is powered off, so the feeder moves it
 * out, and the job continues on the next card until it is done or has used up its cards. When
 * the reader disappears, the job goes back to the queue and the encoder is offline until pcscd
 * lists the reader again.
 */
export class EncoderWorker {
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly log: Logger;
  private jobAbort: AbortController | null = null;
  private storedStatus: { status: EncoderStatus; jobId: string | null } | null = null;
  private lastCardSpoiled = false;
  /** APDUs this encoder sent since the gateway started, and their round-trip time. */
  readonly apduTiming = new ApduTiming();

  constructor(
    private readonly encoder: EncoderConfig,
    private readonly timing: EncoderWorkerTiming,
    private readonly deps: EncoderWorkerDependencies,
  ) {
    this.log = deps.logger.child({ encoderId: encoder.id, readerName: encoder.readerName });
    deps.readers.on('absent', (readerName) => {
      if (readerName === encoder.readerName) {
        this.jobAbort?.abort();
      }
    });
  }

  get encoderId(): string {
    return this.encoder.id;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the current card; a job without a finished card goes back to the queue. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.jobAbort?.abort();
    await this.loop;
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private get readerPresent(): boolean {
    return this.deps.readers.isPresent(this.encoder.readerName);
  }

  private async run(): Promise<void> {
    this.log.info({}, 'encoder started');
    while (!this.stopping) {
      try {
        await this.step();
      } catch (error) {
        this.log.error({ err: errorFields(error) }, 'encoder loop failed, retrying');
        await this.pause(FAILURE_BACKOFF_MS);
      }
    }

    await this.deps.encoders.setStatus(this.encoder.id, 'offline', null).catch(() => undefined);
    this.log.info({}, 'encoder stopped');
  }

  /** Waits while the reader is gone, else takes one job, or pauses when the queue is empty. */
  private async step(): Promise<void> {
    if (!this.readerPresent) {
      await this.show('offline', null);
      await this.pause(this.timing.jobPollIntervalMs);

      return;
    }

    const job = await this.deps.jobs.claimNext(this.encoder.id);
    if (job === null) {
      await this.show(this.lastCardSpoiled ? 'spoiled_last' : 'idle', null);
      await this.pause(this.timing.jobPollIntervalMs);

      return;
    }

    this.log.info({ cardNumber: job.cardNumber, jobId: job.jobId }, 'personalization job claimed');
    this.jobAbort = new AbortController();
    const end = await this.processJob(job)
      .catch((error: unknown) => this.interrupted(job, error))
      .finally(() => {
        this.jobAbort = null;
      });
    if (end === 'released') {
      await this.deps.jobs.release(job.jobId);
      this.log.info({ jobId: job.jobId }, 'personalization job released');
    } else {
      this.deps.writer.finished(job);
    }
  }

  private async interrupted(job: PersonalizationJob, error: unknown): Promise<JobEnd> {
    if (error instanceof SecretsRequestError) {
      return this.secretsRefused(job, error);
    }

    this.log.error(
      { err: errorFields(error), jobId: job.jobId },
      'personalization job interrupted',
    );

    return 'released';
  }

  /** Fails the job when the authority rejected it; otherwise gives it back and backs off. */
  private async secretsRefused(
    job: PersonalizationJob,
    error: SecretsRequestError,
  ): Promise<JobEnd> {
    await this.deps.encoders.recordError(this.encoder.id, error.code, error.message);
    if (!error.retriable) {
      await this.deps.outcomes.jobFailed(job, this.encoder.id, {
        code: error.code,
        reason: error.message,
      });

      return 'finished';
    }

    this.log.warn(
      { code: error.code, err: errorFields(error), jobId: job.jobId, status: error.details.status },
      'card secrets not available, job goes back to the queue',
    );
    await this.pause(FAILURE_BACKOFF_MS);

    return 'released';
  }

  /** Tries cards for one job until it is finished or must go back to the queue. */
  private async processJob(job: PersonalizationJob): Promise<JobEnd> {
    await this.deps.writer.prepare(job);
    while (!this.stopping && this.readerPresent) {
      await this.show(this.lastCardSpoiled ? 'spoiled_last' : 'waiting_for_card', job.jobId);
      const connection = await this.waitForCard(job);
      if (connection === null) {
        return 'released';
      }

      await this.show('writing', job.jobId);
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
        signal: this.jobAbort?.signal ?? this.abort.signal,
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
        await this.show('offline', null);
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
      const result = await this.deps.writer.write(connection, job, this.apduTiming);
      this.disconnect(connection);
      this.lastCardSpoiled = false;
      await this.recordCompleted(job, result);

      return 'finished';
    } catch (error) {
      // Powering the card off makes the feeder move a spoiled or rejected card out.
      this.disconnect(connection);
      if (error instanceof SecretsRequestError) {
        throw error;
      }

      const failure = classifyCardFailure(error);
      this.lastCardSpoiled = failure.outcome === 'spoiled';
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

  /** Stores the status when it changed, so an idle encoder does not write on every poll. */
  private async show(status: EncoderStatus, jobId: string | null): Promise<void> {
    if (this.storedStatus?.status === status && this.storedStatus.jobId === jobId) {
      return;
    }

    await this.deps.encoders.setStatus(this.encoder.id, status, jobId);
    this.storedStatus = { jobId, status };
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
