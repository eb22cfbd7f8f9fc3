import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';

import { credentialInputSchema, type CredentialView, type IssuedSecret } from './credential';
import type { StatusAction } from './credential-transitions';
import { CredentialsService } from './credentials.service';
import { credentialParams, type CredentialParams } from './dto/credential.params';
import { listCredentialsQuery, type ListCredentialsQuery } from './dto/list-credentials.query';
import { statusChangeBody, type StatusChangeBody } from './dto/status-change.body';

type CreateBody = ReturnType<typeof credentialInputSchema.parse>;

/** Officers' administration of credentials. The secret is shown on creation and rotation only. */
@Controller('clients')
@RequireScopes(AuthorityScopes.officer)
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  /** Creates a credential and returns 201 with its client id and secret, shown this once. */
  @Post()
  @HttpCode(201)
  create(
    @Body(new ZodValidationPipe(credentialInputSchema)) body: CreateBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<IssuedSecret> {
    return this.credentials.create({ ...body, actor: officer.clientId });
  }

  /**
   * Lists credentials without secrets, optionally by kind, status or service id, a page at a time
   * in client id order. `nextAfter` is the `after` of the next page, or null after the last one.
   */
  @Get()
  async list(
    @Query(new ZodValidationPipe(listCredentialsQuery)) query: ListCredentialsQuery,
  ): Promise<{ items: CredentialView[]; nextAfter: string | null }> {
    const { after, limit, ...filter } = query;
    const items = await this.credentials.list(filter, { after, limit });
    const last = items.at(-1);

    return { items, nextAfter: items.length === limit && last ? last.clientId : null };
  }

  @Get(':clientId')
  get(
    @Param(new ZodValidationPipe(credentialParams)) params: CredentialParams,
  ): Promise<CredentialView> {
    return this.credentials.get(params.clientId);
  }

  @Post(':clientId/suspend')
  @HttpCode(200)
  suspend(
    @Param(new ZodValidationPipe(credentialParams)) params: CredentialParams,
    @Body(new ZodValidationPipe(statusChangeBody)) body: StatusChangeBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<CredentialView> {
    return this.change(params, 'suspend', body, officer);
  }

  @Post(':clientId/reinstate')
  @HttpCode(200)
  reinstate(
    @Param(new ZodValidationPipe(credentialParams)) params: CredentialParams,
    @Body(new ZodValidationPipe(statusChangeBody)) body: StatusChangeBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<CredentialView> {
    return this.change(params, 'reinstate', body, officer);
  }

  /** Revokes a credential for good, so no token is issued for it again. */
  @Post(':clientId/revoke')
  @HttpCode(200)
  revoke(
    @Param(new ZodValidationPipe(credentialParams)) params: CredentialParams,
    @Body(new ZodValidationPipe(statusChangeBody)) body: StatusChangeBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<CredentialView> {
    return this.change(params, 'revoke', body, officer);
  }

  /** Replaces the secret and returns the new one, shown this once. */
  @Post(':clientId/rotate-secret')
  @HttpCode(200)
  rotateSecret(
    @Param(new ZodValidationPipe(credentialParams)) params: CredentialParams,
    @Body(new ZodValidationPipe(statusChangeBody)) body: StatusChangeBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<IssuedSecret> {
    return this.credentials.rotateSecret(params.clientId, body.reason, officer.clientId);
  }

  private change(
    params: CredentialParams,
    action: StatusAction,
    body: StatusChangeBody,
    officer: Principal,
  ): Promise<CredentialView> {
    return this.credentials.changeStatus(params.clientId, action, body.reason, officer.clientId);
  }
}
