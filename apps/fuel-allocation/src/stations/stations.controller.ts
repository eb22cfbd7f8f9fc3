import { Body, Controller, Get, Post } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import {
  createStationRequest,
  type CreateStationRequest,
  type StationView,
} from './station.schemas';
import { StationsService } from './stations.service';

@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Post()
  create(
    @Body(new ZodValidationPipe(createStationRequest)) request: CreateStationRequest,
  ): Promise<StationView> {
    return this.stations.create(request);
  }

  @Get()
  list(): Promise<StationView[]> {
    return this.stations.list();
  }
}
