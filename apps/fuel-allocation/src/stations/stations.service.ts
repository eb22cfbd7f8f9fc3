import { Inject, Injectable } from '@nestjs/common';

import { ConflictError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { isUniqueViolation, PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import type { CreateStationRequest, StationView } from './station.schemas';

@Injectable()
export class StationsService {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async create(request: CreateStationRequest): Promise<StationView> {
    try {
      await this.prisma.station.create({
        data: { governorate: request.governorate, id: request.stationId, name: request.name },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      throw new ConflictError('STATION_EXISTS', `station ${request.stationId} already exists`, {
        field: 'stationId',
        hint: 'choose another station id',
        value: request.stationId,
      });
    }
    this.logger.info({ stationId: request.stationId }, 'station added');

    return { ...request };
  }

  async list(): Promise<StationView[]> {
    const rows = await this.prisma.station.findMany({ orderBy: { id: 'asc' } });

    return rows.map((row) => ({
      governorate: row.governorate,
      name: row.name,
      stationId: row.id,
    }));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.station.count({ where: { id } })) > 0;
  }
}
