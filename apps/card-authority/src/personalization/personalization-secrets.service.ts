import { Inject, Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { toIsoDate } from '../cards/card-dates';
import { CLOCK, type Clock, LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { type DbTransaction, TRANSACTION_OPTIONS } from '../database/transaction';
import { CardKeysService, type CardCredentials } from '../keys/card-keys.service';

import type { PersonalizationSecretsView } from './personalization-secrets';

interface LockedJob {
  cardNumber: string;
  secretsIssuedAt: Date | null;
  status: string;
}

interface JobCard {
  currentJobId: string | null;
  expiryDate: Date;
  issueDate: Date;
  status: string;
}

function toView(jobId: string, credentials: CardCredentials, cardNumber: string) {
  const view: PersonalizationSecretsView = {
    cardKeys: {
      auth: credentials.keys.auth.toString('base64'),
      enc: credentials.keys.enc.toString('base64'),
      mac: credentials.keys.mac.toString('base64'),
    },
    cardNumber,
    certificate: credentials.certificate.toString('base64'),
    jobId,
    keyVersion: credentials.keyVersion,
    signingKey: credentials.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };

  return view;
}

/**
 * Hands an encoder site the card keys, a fresh signing key and its certificate for the current
 * job of a card that waits for personalization. Each job gets them once: a repeated request is
 * rejected, and a card that needs them again gets a new job.
 */
@Injectable()
export class PersonalizationSecretsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: CardKeysService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Issues the secrets once; `caller` is the encoder site's credential, logged with the job. */
  async issue(
    jobId: string,
    caller: { clientId: string; tokenId: string },
  ): Promise<PersonalizationSecretsView> {
    const view = await this.prisma.$transaction(async (tx) => {
      const { cardNumber, card } = await this.loadIssuableJob(tx, jobId);

      await tx.$executeRaw`
        UPDATE personalization_jobs SET secrets_issued_at = ${this.clock.now()}
        WHERE job_id = ${jobId}::uuid`;

      // A failure here rolls the mark back, so the job can ask again.
      const credentials = await this.keys.issueCredentials(cardNumber, {
        notAfter: toIsoDate(card.expiryDate),
        notBefore: toIsoDate(card.issueDate),
      });

      return toView(jobId, credentials, cardNumber);
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      {
        cardNumber: view.cardNumber,
        clientId: caller.clientId,
        jobId,
        keyVersion: view.keyVersion,
        tokenId: caller.tokenId,
      },
      'card secrets issued for personalization',
    );

    return view;
  }

  /**
   * Locks the job row, which serializes requests for one job, and checks that the job is the
   * card's pending job, the card is queued, and the secrets were not handed out yet. The card row
   * is read without a lock, because issuing the certificate inserts a row that references it.
   */
  private async loadIssuableJob(
    tx: DbTransaction,
    jobId: string,
  ): Promise<{ card: JobCard; cardNumber: string }> {
    const [job] = await tx.$queryRaw<LockedJob[]>`
      SELECT card_number AS "cardNumber", status::text AS status,
        secrets_issued_at AS "secretsIssuedAt"
      FROM personalization_jobs WHERE job_id = ${jobId}::uuid FOR UPDATE`;
    if (job === undefined) {
      throw new NotFoundError(
        'PERSONALIZATION_JOB_NOT_FOUND',
        `personalization job ${jobId} not found`,
        {
          field: 'jobId',
          hint: 'use the jobId of a PersonalizationRequested event',
          value: jobId,
        },
      );
    }

    const card = await tx.card.findUniqueOrThrow({
      select: { currentJobId: true, expiryDate: true, issueDate: true, status: true },
      where: { cardNumber: job.cardNumber },
    });
    this.assertIssuable(jobId, job, card);

    return { card, cardNumber: job.cardNumber };
  }

  private assertIssuable(jobId: string, job: LockedJob, card: JobCard): void {
    if (card.status !== 'queued') {
      throw new ConflictError(
        'CARD_NOT_QUEUED',
        `card ${job.cardNumber} is ${card.status}, not queued for personalization`,
        {
          field: 'status',
          hint: 'only a queued card gets personalization secrets',
          value: card.status,
        },
      );
    }

    if (job.status !== 'pending' || card.currentJobId !== jobId) {
      throw new ConflictError(
        'JOB_NOT_CURRENT',
        `personalization job ${jobId} is ${job.status} and not the current job of card ${job.cardNumber}`,
        { field: 'jobId', hint: 'drop this job; the card has a newer one', value: jobId },
      );
    }

    if (job.secretsIssuedAt !== null) {
      throw new ConflictError(
        'SECRETS_ALREADY_ISSUED',
        `the secrets of job ${jobId} were handed out at ${job.secretsIssuedAt.toISOString()}`,
        {
          field: 'jobId',
          hint: 'report the job as failed; the authority opens a new job with new secrets',
          value: jobId,
        },
      );
    }
  }
}
