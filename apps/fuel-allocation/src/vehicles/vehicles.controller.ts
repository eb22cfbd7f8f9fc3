import { Body, Controller, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import {
  registerVehicleRequest,
  type RegisterVehicleRequest,
  type VehicleView,
} from './vehicle.schemas';
import { VehiclesService } from './vehicles.service';

@Controller('vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Post()
  @RequireScopes(FuelScopes.operate)
  register(
    @Body(new ZodValidationPipe(registerVehicleRequest)) request: RegisterVehicleRequest,
  ): Promise<VehicleView> {
    return this.vehicles.register(request);
  }
}
