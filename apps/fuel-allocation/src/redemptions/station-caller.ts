import { HttpStatus } from '@nestjs/common';

import type { Principal } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';

/**
 * Returns the station code of a station's token. Rejects with 403 STATION_TOKEN_REQUIRED a token
 * of another kind, or one without the `sta` claim, even when it has fuel:redeem.
 */
export function callingStation(principal: Principal): string {
  if (principal.kind === 'station' && principal.stationCode !== undefined) {
    return principal.stationCode;
  }

  throw new ApiError(
    HttpStatus.FORBIDDEN,
    'STATION_TOKEN_REQUIRED',
    `redemptions need a station's token, got a token of kind ${principal.kind} without a station`,
    {
      field: 'authorization',
      hint: "fetch the token with the station's own credential from the card authority",
      value: principal.kind,
    },
  );
}

/** Rejects a request whose body names another station than the token's (403 STATION_MISMATCH). */
export function assertSameStation(tokenStation: string, requestStation: string): void {
  if (tokenStation === requestStation) return;

  throw new ApiError(
    HttpStatus.FORBIDDEN,
    'STATION_MISMATCH',
    `the token belongs to station ${tokenStation}, not to ${requestStation}`,
    {
      field: 'stationId',
      hint: 'send the stationId of the station whose credential fetched the token',
      value: requestStation,
    },
  );
}
