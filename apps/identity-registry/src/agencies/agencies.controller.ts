import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
} from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import type { Agency, AgencyDetails, AgencyPolicy, IssuedApiKey } from './agency';
import { Agencies } from './agencies.service';
import { ApiKeys } from './api-keys.service';
import { Callers } from './auth/caller.guard';
import {
  type ApiKeyParams,
  apiKeyParams,
  type CreateAgencyBody,
  createAgencyBody,
  type PolicyBody,
  policyBody,
  serviceIdParams,
} from './dto/agency.dto';

/** Operator endpoints that register agencies, approve their policies and manage their keys. */
@Controller('agencies')
@Callers('operator')
export class AgenciesController {
  constructor(
    private readonly agencies: Agencies,
    private readonly apiKeys: ApiKeys,
  ) {}

  @Post()
  async create(
    @Body(new ZodValidationPipe(createAgencyBody)) body: CreateAgencyBody,
  ): Promise<Agency> {
    return this.agencies.create(body.serviceId, body.name);
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
  ): Promise<AgencyPolicy> {
    return this.agencies.setPolicy(params.serviceId, body);
  }

  /** Issues a key. The response is the only place the key appears. */
  @Post(':serviceId/api-keys')
  @Header('Cache-Control', 'no-store')
  async issueKey(
    @Param(new ZodValidationPipe(serviceIdParams)) params: { serviceId: string },
  ): Promise<IssuedApiKey> {
    return this.apiKeys.issue(params.serviceId);
  }

  @Delete(':serviceId/api-keys/:keyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revokeKey(@Param(new ZodValidationPipe(apiKeyParams)) params: ApiKeyParams): Promise<void> {
    await this.apiKeys.revoke(params.serviceId, params.keyId);
  }
}
