import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { z } from 'zod';

import { ZodValidationPipe } from '@bitaqa/http';

import {
  createStationRequest,
  stationParam,
  type CreateStationRequest,
  type StationKeyView,
  type StationView,
} from './station.schemas';
import { StationsService } from './stations.service';

@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Post()
  create(
    @Body(new ZodValidationPipe(createStationRequest)) request: CreateStationRequest,
  ): Promise<StationView & StationKeyView> {
    return this.stations.create(request);
  }

  /** Issues a new key for the station, replacing the old one; 201 with the key shown once. */
  @Post(':stationId/keys')
  issueKey(
    @Param(new ZodValidationPipe(stationParam)) params: z.infer<typeof stationParam>,
  ): Promise<StationKeyView & { stationId: string }> {
    return this.stations.issueKey(params.stationId);
  }

  @Get()
  list(): Promise<StationView[]> {
    return this.stations.list();
  }
}
