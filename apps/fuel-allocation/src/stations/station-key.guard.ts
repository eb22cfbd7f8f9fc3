import {
  createParamDecorator,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';

import { ApiError } from '@bitaqa/http';

import { bearerToken } from './station-key';
import { StationsService } from './stations.service';

const HINT = 'send the key issued by POST /stations/:stationId/keys as Authorization: Bearer <key>';

/** Request property the guard sets to the station its key was issued to. */
const AUTHENTICATED_STATION = 'bitaqaStationId';

/**
 * Admits a request only with a valid station key (401 STATION_KEY_MISSING or
 * STATION_KEY_INVALID) and records the key's station for `AuthenticatedStation`. Whether the
 * body names the same station is checked after validation, so a malformed body still gets 400.
 */
@Injectable()
export class StationKeyGuard implements CanActivate {
  constructor(private readonly stations: StationsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = bearerToken(request.headers.authorization);

    if (key === undefined) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'STATION_KEY_MISSING',
        'the request carries no station key',
        { field: 'authorization', hint: HINT },
      );
    }

    const stationId = await this.stations.stationOfKey(key);

    if (stationId === undefined) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'STATION_KEY_INVALID',
        'station key not found or replaced',
        {
          field: 'authorization',
          hint: HINT,
        },
      );
    }
    Object.assign(request, { [AUTHENTICATED_STATION]: stationId });

    return true;
  }
}

/** The station whose key the StationKeyGuard accepted. */
export const AuthenticatedStation = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    (context.switchToHttp().getRequest<Request>() as unknown as Record<string, string>)[
      AUTHENTICATED_STATION
    ] as string,
);

/** Rejects a request whose body names another station than the key's (403 STATION_MISMATCH). */
export function assertSameStation(authenticated: string, claimed: string): void {
  if (authenticated === claimed) return;

  throw new ApiError(
    HttpStatus.FORBIDDEN,
    'STATION_MISMATCH',
    `the key belongs to station ${authenticated}, not to ${claimed}`,
    { field: 'stationId', hint: 'send the stationId the key was issued for', value: claimed },
  );
}
