import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import {
  addPolicyRequest,
  addPriceRequest,
  policyListQuery,
  priceHistoryQuery,
  productParam,
  type AddPolicyRequest,
  type AddPriceRequest,
  type PolicyView,
  type PriceView,
} from './catalogue.schemas';
import { CatalogueService } from './catalogue.service';
import type { Product } from './catalogue.types';
import { PolicyVersionsService } from './policy-versions.service';
import { PricesService } from './prices.service';

type ProductParam = z.infer<typeof productParam>;

/** Operator endpoints of products, price versions and quota policy versions. */
@Controller()
export class CatalogueController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly policies: PolicyVersionsService,
    private readonly prices: PricesService,
  ) {}

  @Get('products')
  @RequireScopes(FuelScopes.read)
  products(): Product[] {
    return this.catalogue.products();
  }

  @Get('products/:productCode/prices')
  @RequireScopes(FuelScopes.read)
  priceHistory(
    @Param(new ZodValidationPipe(productParam)) params: ProductParam,
    @Query(new ZodValidationPipe(priceHistoryQuery)) query: z.infer<typeof priceHistoryQuery>,
  ): PriceView[] {
    return this.prices.history(params.productCode, query.kind);
  }

  @Post('products/:productCode/prices')
  @RequireScopes(FuelScopes.operate)
  addPrice(
    @Param(new ZodValidationPipe(productParam)) params: ProductParam,
    @Body(new ZodValidationPipe(addPriceRequest)) request: AddPriceRequest,
  ): Promise<PriceView> {
    return this.prices.add(params.productCode, request);
  }

  @Get('policies')
  @RequireScopes(FuelScopes.read)
  policyVersions(
    @Query(new ZodValidationPipe(policyListQuery)) query: z.infer<typeof policyListQuery>,
  ): PolicyView[] {
    return this.policies.list(query.productCode);
  }

  @Post('policies')
  @RequireScopes(FuelScopes.operate)
  addPolicy(
    @Body(new ZodValidationPipe(addPolicyRequest)) request: AddPolicyRequest,
  ): Promise<PolicyView> {
    return this.policies.add(request);
  }
}
