import { HttpStatus } from '@nestjs/common';

import type { Principal, PrincipalCheck } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';

/**
 * Accepts only tokens issued for this station: an attendant's or the station's own credential
 * carries the station code (`sta`), so a token of one station does not work at another.
 */
export function requireStation(stationId: string): PrincipalCheck {
  return (principal: Principal) => {
    if (principal.stationCode === stationId) {
      return;
    }

    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'STATION_MISMATCH',
      `the token is for station ${principal.stationCode ?? '(none)'}, not ${stationId}`,
      {
        hint: `use a credential issued for station ${stationId}`,
        value: principal.stationCode ?? null,
      },
    );
  };
}
