import { Body, Controller, Post } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

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
  register(
    @Body(new ZodValidationPipe(registerVehicleRequest)) request: RegisterVehicleRequest,
  ): Promise<VehicleView> {
    return this.vehicles.register(request);
  }
}
