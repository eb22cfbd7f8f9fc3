import { Controller, Get, Header } from '@nestjs/common';
import type { JWK } from 'jose';

import { Public } from '@bitaqa/auth';

import { KeySetService } from './key-set.service';

/** Services cache the key set this long, in seconds, and fetch it again for an unknown kid. */
const KEY_SET_MAX_AGE_SECONDS = 300;

@Controller('.well-known')
export class JwksController {
  constructor(private readonly keySet: KeySetService) {}

  /** Returns the public keys that access tokens are signed with (RFC 7517 JSON Web Key Set). */
  @Get('jwks.json')
  @Public()
  @Header('cache-control', `public, max-age=${KEY_SET_MAX_AGE_SECONDS}`)
  jwks(): Promise<{ keys: JWK[] }> {
    return this.keySet.keySet();
  }
}
