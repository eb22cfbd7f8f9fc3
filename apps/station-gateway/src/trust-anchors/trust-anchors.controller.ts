import { Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';

import { StationScopes } from '../auth/scopes';

import { TrustAnchorError } from './trust-anchor-error';
import type { TrustAnchorView } from './trust-anchor.repository';
import { TrustAnchorsService, type TrustAnchorSync } from './trust-anchors.service';

const STATUS_OF: Record<TrustAnchorError['code'], HttpStatus> = {
  CARD_AUTHORITY_NOT_CONFIGURED: HttpStatus.CONFLICT,
  CARD_AUTHORITY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  ISSUER_CERTIFICATE_INVALID: HttpStatus.BAD_GATEWAY,
  ISSUER_CERTIFICATES_FILE_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  TRUST_ANCHOR_CONFLICT: HttpStatus.CONFLICT,
};

const HINTS: Record<TrustAnchorError['code'], string> = {
  CARD_AUTHORITY_NOT_CONFIGURED: 'set CARD_AUTHORITY_URL, or load ISSUER_CERTIFICATES_FILE',
  CARD_AUTHORITY_UNAVAILABLE: 'the stored certificates stay in use; try again when online',
  ISSUER_CERTIFICATE_INVALID: 'check that CARD_AUTHORITY_URL points at the card authority',
  ISSUER_CERTIFICATES_FILE_INVALID: 'fix the file and restart the station',
  TRUST_ANCHOR_CONFLICT:
    'a source sent another key for a trusted version; report it to the card authority',
};

/** The issuer certificates the station verifies card certificates with. */
@Controller('trust-anchors')
@RequireScopes(StationScopes.operate)
export class TrustAnchorsController {
  constructor(@Inject(TrustAnchorsService) private readonly trustAnchors: TrustAnchorsService) {}

  @Get()
  list(): { trustAnchors: TrustAnchorView[] } {
    return { trustAnchors: this.trustAnchors.list() };
  }

  /** Fetches the card authority's issuer certificates now, instead of at the next refresh. */
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refresh(): Promise<{ sync: TrustAnchorSync; trustAnchors: TrustAnchorView[] }> {
    try {
      const sync = await this.trustAnchors.refresh();

      return { sync, trustAnchors: this.trustAnchors.list() };
    } catch (error) {
      if (!(error instanceof TrustAnchorError)) throw error;

      throw new ApiError(STATUS_OF[error.code], error.code, error.message, {
        hint: HINTS[error.code],
        ...error.details,
      });
    }
  }
}
