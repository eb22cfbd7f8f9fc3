import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { NotFoundError, ZodValidationPipe } from '@bitaqa/http';

import { ReaderScopes } from '../auth/scopes';

import type { CardAttemptRecord, JobStatus } from './job';
import { JobRepository } from './job.repository';

const jobIdSchema = z.uuid({ error: 'must be a UUID' });

export interface JobView {
  attempts: number;
  cardAttempts: Omit<CardAttemptRecord, 'jobId'>[];
  cardNumber: string;
  chipSerial: string | null;
  digest: string | null;
  encoderId: string | null;
  failureCode: string | null;
  failureReason: string | null;
  finishedAt: string | null;
  jobId: string;
  requestedAt: string;
  spoiledCards: number;
  status: JobStatus;
}

@Controller('jobs')
@RequireScopes(ReaderScopes.operate)
export class JobsController {
  constructor(private readonly jobs: JobRepository) {}

  /** Returns a personalization job with every card tried for it. */
  @Get(':jobId')
  async find(@Param('jobId', new ZodValidationPipe(jobIdSchema)) jobId: string): Promise<JobView> {
    const job = await this.jobs.find(jobId);
    if (job === null) {
      throw new NotFoundError('JOB_NOT_FOUND', `personalization job ${jobId} not found`, {
        field: 'jobId',
        value: jobId,
      });
    }

    const attempts = await this.jobs.listAttempts(jobId);

    return {
      attempts: job.attempts,
      cardAttempts: attempts.map(({ jobId: _jobId, ...attempt }) => attempt),
      cardNumber: job.cardNumber,
      chipSerial: job.chipSerial,
      digest: job.digest,
      encoderId: job.encoderId,
      failureCode: job.failureCode,
      failureReason: job.failureReason,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      jobId: job.jobId,
      requestedAt: job.requestedAt.toISOString(),
      spoiledCards: job.spoiledCards,
      status: job.status,
    };
  }
}
