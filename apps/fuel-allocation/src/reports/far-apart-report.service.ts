import { Inject, Injectable } from '@nestjs/common';

import type { CalendarDay } from '../calendar/calendar-day';
import type { FuelAllocationConfig } from '../config';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { APP_CONFIG } from '../infrastructure/tokens';

import type { FarApartQuery } from './report.schemas';

/** Mean Earth radius in kilometres (IUGG), the usual radius for haversine distances. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface PairedRedemption {
  governorate: string;
  productCode: string;
  quantity: number;
  recordedAt: string;
  redemptionId: string;
  reversed: boolean;
  stationId: string;
}

/** Two redemptions of one card at distant stations within a short time. */
export interface FarApartPair {
  cardNumber: string;
  /** Great-circle distance between the stations, in kilometres, to one decimal. */
  distanceKm: number;
  first: PairedRedemption;
  /** Time from the first redemption to the second, in minutes, to one decimal. */
  minutes: number;
  second: PairedRedemption;
  /** Distance over time in km/h, to one decimal; null when both share one instant. */
  speedKmh: number | null;
}

export interface FarApartReport {
  from: CalendarDay;
  limit: number;
  maxMinutes: number;
  minDistanceKm: number;
  offset: number;
  pairs: FarApartPair[];
  to: CalendarDay;
  /** Pairs over all pages. */
  total: number;
}

interface PairRecord {
  a_at: Date;
  a_governorate: string;
  a_id: string;
  a_product: string;
  a_quantity: number;
  a_reversed: boolean;
  a_station: string;
  b_at: Date;
  b_governorate: string;
  b_id: string;
  b_product: string;
  b_quantity: number;
  b_reversed: boolean;
  b_station: string;
  card_number: string;
  km: number;
  total: number;
}

/**
 * Pairs of redemptions of one card at stations more than `minDistanceKm` apart, the second at
 * most `maxMinutes` after the first, where the first falls in the day range. Reversed
 * redemptions are kept and flagged, because the card was still read at the station. Stations
 * without coordinates are placed at their governorate's capital.
 */
@Injectable()
export class FarApartReportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    private readonly prisma: PrismaService,
  ) {}

  async report(query: FarApartQuery): Promise<FarApartReport> {
    const zone = this.config.timeZone;
    const start = Prisma.sql`((${query.from}::date)::timestamp AT TIME ZONE ${zone})`;
    const end = Prisma.sql`((${query.to}::date + 1)::timestamp AT TIME ZONE ${zone})`;
    const records = await this.prisma.$queryRaw<PairRecord[]>`
      WITH located AS (
        SELECT s.id, s.governorate,
               radians(COALESCE(s.latitude, c.latitude)) AS lat,
               radians(COALESCE(s.longitude, c.longitude)) AS lon
        FROM stations s LEFT JOIN governorate_capitals c ON c.governorate = s.governorate
      )
      SELECT a.card_number, a.id::text AS a_id, a.station_id AS a_station,
             sa.governorate AS a_governorate, a.recorded_at AS a_at, a.product_code AS a_product,
             a.quantity AS a_quantity, a.reversed_at IS NOT NULL AS a_reversed,
             b.id::text AS b_id, b.station_id AS b_station, sb.governorate AS b_governorate,
             b.recorded_at AS b_at, b.product_code AS b_product, b.quantity AS b_quantity,
             b.reversed_at IS NOT NULL AS b_reversed, d.km, (count(*) OVER ())::int AS total
      FROM redemptions a
      JOIN redemptions b
        ON b.card_number = a.card_number
       AND b.recorded_at >= a.recorded_at
       AND b.recorded_at <= a.recorded_at + make_interval(mins => ${query.maxMinutes}::int)
       AND (b.recorded_at > a.recorded_at OR b.id > a.id)
      JOIN located sa ON sa.id = a.station_id
      JOIN located sb ON sb.id = b.station_id
      CROSS JOIN LATERAL (
        -- Haversine; LEAST keeps rounding error from taking asin past 1.
        SELECT 2 * ${EARTH_RADIUS_KM}::float8 * asin(LEAST(1, sqrt(
                 power(sin((sb.lat - sa.lat) / 2), 2)
                 + cos(sa.lat) * cos(sb.lat) * power(sin((sb.lon - sa.lon) / 2), 2)))) AS km
      ) d
      WHERE a.recorded_at >= ${start} AND a.recorded_at < ${end}
        -- Implied by the join, but it lets b come from the same index range, not a full scan.
        AND b.recorded_at >= ${start}
        AND b.recorded_at < ${end} + make_interval(mins => ${query.maxMinutes}::int)
        AND d.km > ${query.minDistanceKm}::float8
      ORDER BY a.recorded_at, a.id, b.recorded_at, b.id
      LIMIT ${query.limit} OFFSET ${query.offset}`;

    return {
      from: query.from,
      limit: query.limit,
      maxMinutes: query.maxMinutes,
      minDistanceKm: query.minDistanceKm,
      offset: query.offset,
      pairs: records.map(pairOf),
      to: query.to,
      total: records[0]?.total ?? (query.offset > 0 ? await this.count(query) : 0),
    };
  }

  /** Counts pairs when the requested page is past the last one. */
  private async count(query: FarApartQuery): Promise<number> {
    const all = await this.report({ ...query, limit: 1, offset: 0 });

    return all.total;
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function pairOf(record: PairRecord): FarApartPair {
  const seconds = (record.b_at.getTime() - record.a_at.getTime()) / 1000;

  return {
    cardNumber: record.card_number,
    distanceKm: round1(record.km),
    first: {
      governorate: record.a_governorate,
      productCode: record.a_product,
      quantity: record.a_quantity,
      recordedAt: record.a_at.toISOString(),
      redemptionId: record.a_id,
      reversed: record.a_reversed,
      stationId: record.a_station,
    },
    minutes: round1(seconds / 60),
    second: {
      governorate: record.b_governorate,
      productCode: record.b_product,
      quantity: record.b_quantity,
      recordedAt: record.b_at.toISOString(),
      redemptionId: record.b_id,
      reversed: record.b_reversed,
      stationId: record.b_station,
    },
    speedKmh: seconds > 0 ? round1(record.km / (seconds / 3600)) : null,
  };
}

/** Flat row of a pair for CSV. */
export function farApartCsvRow(pair: FarApartPair) {
  return {
    cardNumber: pair.cardNumber,
    distanceKm: pair.distanceKm,
    firstGovernorate: pair.first.governorate,
    firstRecordedAt: pair.first.recordedAt,
    firstRedemptionId: pair.first.redemptionId,
    firstReversed: pair.first.reversed,
    firstStationId: pair.first.stationId,
    minutes: pair.minutes,
    secondGovernorate: pair.second.governorate,
    secondRecordedAt: pair.second.recordedAt,
    secondRedemptionId: pair.second.redemptionId,
    secondReversed: pair.second.reversed,
    secondStationId: pair.second.stationId,
    speedKmh: pair.speedKmh,
  };
}

export const FAR_APART_COLUMNS = [
  'cardNumber',
  'distanceKm',
  'minutes',
  'speedKmh',
  'firstRedemptionId',
  'firstStationId',
  'firstGovernorate',
  'firstRecordedAt',
  'firstReversed',
  'secondRedemptionId',
  'secondStationId',
  'secondGovernorate',
  'secondRecordedAt',
  'secondReversed',
] as const satisfies readonly (keyof ReturnType<typeof farApartCsvRow>)[];
