import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { IdentityScopes } from '../auth/scopes';

import type { Agency, AgencyDetails, AgencyPolicy } from './agency';
import { Agencies } from './agencies.service';
import {
  type CreateAgencyBody,
  createAgencyBody,
  type PolicyBody,
  policyBody,
  serviceIdParams,
  type StatusChangeBody,
  statusChangeBody,
} from './dto/agency.dto';

/**
 * Agencies and their policies, managed by the card authority's onboarding and by registry
 * operators with the `identity:agencies` scope.
 */
@Controller('agencies')
@RequireScopes(IdentityScopes.agencies)
export class AgenciesController {
  constructor(private readonly agencies: Agencies) {}

  @Post()
  async create(
    @Body(new ZodValidationPipe(createAgencyBody)) body: CreateAgencyBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Agency> {
    return this.agencies.create(body.serviceId, body.name, principal);
  }

  @Get(':serviceId')
  async details(
    @Param(new ZodValidationPipe(serviceIdParams)) params: { serviceId: string },
  ): Promise<AgencyDetails> {
    return this.agencies.details(params.serviceId);
  }

  /** Approves the attributes and purposes the agency may use; each change adds a version. */
  @Put(':serviceId/policy')
  async setPolicy(
    @Param(new ZodValidationPipe(serviceIdParams)) params: { serviceId: string },
    @Body(new ZodValidationPipe(policyBody)) body: PolicyBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AgencyPolicy> {
    return this.agencies.setPolicy(params.serviceId, body, principal);
  }

  /** Withdraws the agency's access: its tokens get 403 AGENCY_SUSPENDED until reinstated. */
  @Post(':serviceId/suspend')
  @HttpCode(HttpStatus.OK)
  async suspend(
    @Param(new ZodValidationPipe(serviceIdParams)) params: { serviceId: string },
    @Body(new ZodValidationPipe(statusChangeBody)) body: StatusChangeBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Agency> {
    return this.agencies.setStatus(
      params.serviceId,
      { reason: body.reason, status: 'suspended' },
      principal,
    );
  }

  @Post(':serviceId/reinstate')
  @HttpCode(HttpStatus.OK)
  async reinstate(
    @Param(new ZodValidationPipe(serviceIdParams)) params: { serviceId: string },
    @Body(new ZodValidationPipe(statusChangeBody)) body: StatusChangeBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Agency> {
    return this.agencies.setStatus(
      params.serviceId,
      { reason: body.reason, status: 'active' },
      principal,
    );
  }
}
