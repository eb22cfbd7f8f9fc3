import { Inject, Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { CalendarService } from '../infrastructure/calendar.service';
import { isUniqueViolation, PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { newStationKey, stationKeyHash } from './station-key';
import type { CreateStationRequest, StationKeyView, StationView } from './station.schemas';

@Injectable()
export class StationsService {
  constructor(
    private readonly calendar: CalendarService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Adds a station with its first key; the key appears in this response only. */
  async create(request: CreateStationRequest): Promise<StationView & StationKeyView> {
    const stationKey = newStationKey();
    const keyIssuedAt = this.calendar.now();

    try {
      await this.prisma.station.create({
        data: {
          governorate: request.governorate,
          id: request.stationId,
          keyHash: stationKeyHash(stationKey),
          keyIssuedAt,
          name: request.name,
        },
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

    return { ...request, keyIssuedAt: keyIssuedAt.toISOString(), stationKey };
  }

  /** Issues a new key for a station; the old key stops working at once. */
  async issueKey(stationId: string): Promise<StationKeyView & { stationId: string }> {
    const stationKey = newStationKey();
    const keyIssuedAt = this.calendar.now();
    const updated = await this.prisma.station.updateMany({
      data: { keyHash: stationKeyHash(stationKey), keyIssuedAt },
      where: { id: stationId },
    });

    if (updated.count === 0) {
      throw new NotFoundError('STATION_NOT_FOUND', `station ${stationId} not found`, {
        field: 'stationId',
        value: stationId,
      });
    }
    this.logger.info({ stationId }, 'station key issued');

    return { keyIssuedAt: keyIssuedAt.toISOString(), stationId, stationKey };
  }

  /** Returns the station a key was issued to, or undefined for an unknown or replaced key. */
  async stationOfKey(key: string): Promise<string | undefined> {
    const station = await this.prisma.station.findUnique({
      select: { id: true },
      where: { keyHash: stationKeyHash(key) },
    });

    return station?.id;
  }

  async list(): Promise<StationView[]> {
    const rows = await this.prisma.station.findMany({ orderBy: { id: 'asc' } });

    return rows.map((row) => ({
      governorate: row.governorate,
      hasKey: row.keyHash !== null,
      name: row.name,
      stationId: row.id,
    }));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.station.count({ where: { id } })) > 0;
  }
}
