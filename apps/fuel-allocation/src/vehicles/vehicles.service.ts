import { Inject, Injectable } from '@nestjs/common';

import { ConflictError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { vehicleClassToRow } from '../catalogue/policy-mapping';
import { EntitlementReaderService } from '../entitlements/entitlement-reader.service';
import { VehicleEntitlementsService } from '../entitlements/vehicle-entitlements.service';
import { CalendarService } from '../infrastructure/calendar.service';
import { isUniqueViolation, PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import type { RegisterVehicleRequest, VehicleView } from './vehicle.schemas';

@Injectable()
export class VehiclesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly entitlements: VehicleEntitlementsService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly reader: EntitlementReaderService,
  ) {}

  /** Registers a vehicle and grants its current period's gasoline in the same transaction. */
  async register(request: RegisterVehicleRequest): Promise<VehicleView> {
    try {
      return await this.prisma.transaction(async (tx) => {
        await tx.vehicle.create({
          data: {
            ownerNationalNumber: request.ownerNationalNumber,
            plate: request.plate,
            vehicleClass: vehicleClassToRow(request.vehicleClass),
          },
        });
        await this.entitlements.refresh(tx, request.plate, 'vehicle registered');
        this.logger.info(
          { plate: request.plate, vehicleClass: request.vehicleClass },
          'vehicle registered',
        );

        return {
          ...request,
          entitlements: await this.reader.current(
            tx,
            { vehiclePlate: request.plate },
            this.calendar.today(),
          ),
        };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      throw new ConflictError('VEHICLE_EXISTS', `vehicle ${request.plate} is already registered`, {
        field: 'plate',
        value: request.plate,
      });
    }
  }
}
