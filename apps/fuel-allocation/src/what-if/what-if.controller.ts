import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import { draftPolicy, type DraftPolicy } from './what-if.schemas';
import { WhatIfService } from './what-if.service';
import type { WhatIfReport } from './what-if.types';

@Controller('policies')
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  /** Shows what a draft policy version would change; nothing is stored. */
  @Post('what-if')
  @RequireScopes(FuelScopes.read)
  @HttpCode(HttpStatus.OK)
  compare(@Body(new ZodValidationPipe(draftPolicy)) draft: DraftPolicy): Promise<WhatIfReport> {
    return this.whatIf.compare(draft);
  }
}
