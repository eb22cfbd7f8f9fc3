import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';

import { cardParams, type CardParams } from '../cards/dto/card-number.schema';

import { replacementBody, type ReplacementBody } from './dto/replacement.body';
import { ReplacementService, type Replacement } from './replacement.service';

@Controller('cards')
@RequireScopes(AuthorityScopes.cards)
export class ReplacementController {
  constructor(private readonly replacements: ReplacementService) {}

  /** An officer replaces a lost, stolen, damaged, expired or expiring card. */
  @Post(':cardNumber/replacement')
  @HttpCode(201)
  replace(
    @Param(new ZodValidationPipe(cardParams)) params: CardParams,
    @Body(new ZodValidationPipe(replacementBody)) body: ReplacementBody,
  ): Promise<Replacement> {
    return this.replacements.replace({ cardNumber: params.cardNumber, ...body });
  }
}
