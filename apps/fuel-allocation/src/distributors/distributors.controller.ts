import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import type { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import {
  capacityRequest,
  createDistributorRequest,
  distributorIdParam,
  distributorListQuery,
  distributorProductParams,
  type CreateDistributorRequest,
  type DistributorView,
} from './distributor.schemas';
import { DistributorsService } from './distributors.service';

/** Operator endpoints for distributors and their daily capacities. */
@Controller('distributors')
export class DistributorsController {
  constructor(private readonly distributors: DistributorsService) {}

  @Post()
  @RequireScopes(FuelScopes.operate)
  create(
    @Body(new ZodValidationPipe(createDistributorRequest)) request: CreateDistributorRequest,
  ): Promise<DistributorView> {
    return this.distributors.create(request);
  }

  @Get()
  @RequireScopes(FuelScopes.read)
  list(
    @Query(new ZodValidationPipe(distributorListQuery)) query: z.infer<typeof distributorListQuery>,
  ): Promise<DistributorView[]> {
    return this.distributors.list(query.governorate);
  }

  @Get(':distributorId')
  @RequireScopes(FuelScopes.read)
  get(
    @Param(new ZodValidationPipe(distributorIdParam)) params: z.infer<typeof distributorIdParam>,
  ): Promise<DistributorView> {
    return this.distributors.get(params.distributorId);
  }

  @Put(':distributorId/products/:productCode')
  @RequireScopes(FuelScopes.operate)
  setCapacity(
    @Param(new ZodValidationPipe(distributorProductParams))
    params: z.infer<typeof distributorProductParams>,
    @Body(new ZodValidationPipe(capacityRequest)) request: z.infer<typeof capacityRequest>,
  ): Promise<DistributorView> {
    return this.distributors.setCapacity(
      params.distributorId,
      params.productCode,
      request.dailyCapacity,
    );
  }
}
