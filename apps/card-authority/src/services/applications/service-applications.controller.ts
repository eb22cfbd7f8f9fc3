import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { serviceStatus } from '@bitaqa/contracts';
import { ZodValidationPipe } from '@bitaqa/http';

import type { ApplicationView } from '../application';
import { decisionBody, type DecisionBody } from '../dto/decision.body';
import { applicationParams, type ApplicationParams } from '../dto/params';
import { submitApplicationBody, type SubmitApplicationBody } from '../dto/submit-application.body';

import { requestFromBody, ServiceApplicationsService } from './service-applications.service';
import { type DecisionResult, ServiceDecisionsService } from './service-decisions.service';

const listQuery = z.object({ status: serviceStatus.optional() });

/** Applications of agencies for services on the card, and officers' decisions on them. */
@Controller('service-applications')
export class ServiceApplicationsController {
  constructor(
    private readonly applications: ServiceApplicationsService,
    private readonly decisions: ServiceDecisionsService,
  ) {}

  /** An agency submits an application; its technical checks run at once. */
  @Post()
  @RequireScopes('authority:apply')
  submit(
    @Body(new ZodValidationPipe(submitApplicationBody)) body: SubmitApplicationBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.applications.submit(requestFromBody(body), principal.clientId);
  }

  /** An officer submits an application on an agency's behalf. */
  @Post('on-behalf')
  @RequireScopes('authority:officer')
  submitOnBehalf(
    @Body(new ZodValidationPipe(submitApplicationBody)) body: SubmitApplicationBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.applications.submit(requestFromBody(body), principal.clientId);
  }

  @Get()
  @RequireScopes('authority:officer')
  async list(
    @Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>,
  ): Promise<{ items: ApplicationView[] }> {
    return { items: await this.applications.list(query.status) };
  }

  /** Returns an application with its technical checks, decision and operations. */
  @Get(':id')
  @RequireScopes('authority:officer')
  get(
    @Param(new ZodValidationPipe(applicationParams)) params: ApplicationParams,
  ): Promise<ApplicationView> {
    return this.applications.get(params.id);
  }

  /**
   * Approves the application and provisions the service. The response carries the client secret
   * when this call created the credential; a failed step leaves the operation retriable.
   */
  @Post(':id/approve')
  @HttpCode(200)
  @RequireScopes('authority:officer')
  approve(
    @Param(new ZodValidationPipe(applicationParams)) params: ApplicationParams,
    @Body(new ZodValidationPipe(decisionBody)) body: DecisionBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResult> {
    return this.decisions.approve(params.id, body.reason, principal.clientId);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequireScopes('authority:officer')
  reject(
    @Param(new ZodValidationPipe(applicationParams)) params: ApplicationParams,
    @Body(new ZodValidationPipe(decisionBody)) body: DecisionBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationView> {
    return this.decisions.reject(params.id, body.reason, principal.clientId);
  }

  /** Runs the application's failed operation again from the step that failed. */
  @Post(':id/retry')
  @HttpCode(200)
  @RequireScopes('authority:officer')
  retry(
    @Param(new ZodValidationPipe(applicationParams)) params: ApplicationParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResult> {
    return this.decisions.retry(params.id, principal.clientId);
  }
}
