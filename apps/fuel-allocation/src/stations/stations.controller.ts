import { Body, Controller, Get, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import {
  createStationRequest,
  type CreateStationRequest,
  type StationView,
} from './station.schemas';
import { StationsService } from './stations.service';

/**
 * Stations that may redeem. A station authenticates with its own credential of kind station
 * from the card authority, whose tokens carry the station id as the `sta` claim.
 */
@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Post()
  @RequireScopes(FuelScopes.operate)
  create(
    @Body(new ZodValidationPipe(createStationRequest)) request: CreateStationRequest,
  ): Promise<StationView> {
    return this.stations.create(request);
  }

  @Get()
  @RequireScopes(FuelScopes.read)
  list(): Promise<StationView[]> {
    return this.stations.list();
  }
}
