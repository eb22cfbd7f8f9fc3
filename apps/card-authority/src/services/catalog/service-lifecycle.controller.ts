import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import {
  type DecisionResult,
  ServiceDecisionsService,
} from '../applications/service-decisions.service';
import { decisionBody, type DecisionBody } from '../dto/decision.body';
import { serviceParams, type ServiceParams } from '../dto/params';

/** Officers suspend, reinstate and revoke approved services. */
@Controller('services/:serviceId')
@RequireScopes('authority:officer')
export class ServiceLifecycleController {
  constructor(private readonly decisions: ServiceDecisionsService) {}

  @Post('suspend')
  @HttpCode(200)
  suspend(
    @Param(new ZodValidationPipe(serviceParams)) params: ServiceParams,
    @Body(new ZodValidationPipe(decisionBody)) body: DecisionBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResult> {
    return this.decisions.changeService(
      params.serviceId,
      'suspend',
      body.reason,
      principal.clientId,
    );
  }

  @Post('reinstate')
  @HttpCode(200)
  reinstate(
    @Param(new ZodValidationPipe(serviceParams)) params: ServiceParams,
    @Body(new ZodValidationPipe(decisionBody)) body: DecisionBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResult> {
    return this.decisions.changeService(
      params.serviceId,
      'reinstate',
      body.reason,
      principal.clientId,
    );
  }

  @Post('revoke')
  @HttpCode(200)
  revoke(
    @Param(new ZodValidationPipe(serviceParams)) params: ServiceParams,
    @Body(new ZodValidationPipe(decisionBody)) body: DecisionBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResult> {
    return this.decisions.changeService(
      params.serviceId,
      'revoke',
      body.reason,
      principal.clientId,
    );
  }
}
