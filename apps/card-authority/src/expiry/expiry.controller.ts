import { Controller, HttpCode, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';

import { AuthorityScopes } from '../auth/scopes';

import { ExpiryService } from './expiry.service';

@Controller('expiry')
@RequireScopes(AuthorityScopes.officer)
export class ExpiryController {
  constructor(private readonly expiry: ExpiryService) {}

  /** Runs the expiry job now, for an operator who does not want to wait for the schedule. */
  @Post('run')
  @HttpCode(200)
  async run(): Promise<{ expired: number }> {
    return { expired: await this.expiry.expireDue() };
  }
}
