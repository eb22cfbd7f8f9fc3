import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { Callers, CurrentCaller } from '../agencies/auth/caller.guard';
import type { AgencyCaller } from '../agencies/auth/caller';
import { IdentityScopes } from '../auth/scopes';

import { type ReleaseRequest, releaseRequest } from './dto/release-request';
import { type Release, Releases } from './releases.service';

@Controller('releases')
@RequireScopes(IdentityScopes.release)
@Callers('agency')
export class ReleasesController {
  constructor(private readonly releases: Releases) {}

  /** Returns the requested attributes of a person when the agency's policy grants them all. */
  @Post()
  @HttpCode(HttpStatus.OK)
  async release(
    @CurrentCaller() caller: AgencyCaller,
    @Body(new ZodValidationPipe(releaseRequest)) request: ReleaseRequest,
  ): Promise<Release> {
    return this.releases.release(caller, request);
  }
}
