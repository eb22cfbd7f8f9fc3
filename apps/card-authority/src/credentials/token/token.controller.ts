import { Controller, Header, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';

import { Public } from '@bitaqa/auth';

import { OAuthErrorFilter } from './oauth-error.filter';
import { readTokenRequest } from './token-request';
import { TokenService, type TokenResponse } from './token.service';

/** Path of the token endpoint, which alone accepts form-encoded bodies. */
export const TOKEN_PATH = '/oauth/token';

@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  /** Issues an access token for the OAuth 2.0 client credentials grant (RFC 6749 section 4.4). */
  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  token(@Req() request: Request): Promise<TokenResponse> {
    return this.tokens.issue(readTokenRequest(request));
  }
}
