import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';

import type { PersonalizationSecretsView } from './personalization-secrets';
import { PersonalizationSecretsService } from './personalization-secrets.service';

const jobIdParam = z.uuid({ error: 'jobId must be a UUID' });

/** Card secrets for encoder sites, one response per personalization job. */
@Controller('personalization/jobs')
@RequireScopes(AuthorityScopes.personalize)
export class PersonalizationSecretsController {
  constructor(private readonly secrets: PersonalizationSecretsService) {}

  /**
   * Issues the card keys, signing key and certificate of the job's card. 404 for an unknown
   * job; 409 `CARD_NOT_QUEUED`, `JOB_NOT_CURRENT` or `SECRETS_ALREADY_ISSUED`.
   */
  @Post(':jobId/secrets')
  @HttpCode(200)
  issue(
    @Param('jobId', new ZodValidationPipe(jobIdParam)) jobId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PersonalizationSecretsView> {
    return this.secrets.issue(jobId, { clientId: caller.clientId, tokenId: caller.tokenId });
  }
}
