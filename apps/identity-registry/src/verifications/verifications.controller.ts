import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { Callers, CurrentCaller } from '../agencies/auth/caller.guard';
import type { AgencyCaller } from '../agencies/auth/caller';
import { IdentityScopes } from '../auth/scopes';

import { type VerificationRequest, verificationRequest } from './dto/verification-request';
import { type VerificationResult, Verifications } from './verifications.service';

@Controller('verifications')
@RequireScopes(IdentityScopes.verify)
@Callers('agency')
export class VerificationsController {
  constructor(private readonly verifications: Verifications) {}

  /** Checks claimed attributes of a person and returns 200 whether or not they match. */
  @Post()
  @HttpCode(HttpStatus.OK)
  async verify(
    @CurrentCaller() caller: AgencyCaller,
    @Body(new ZodValidationPipe(verificationRequest)) request: VerificationRequest,
  ): Promise<VerificationResult> {
    return this.verifications.verify(caller, request);
  }
}
