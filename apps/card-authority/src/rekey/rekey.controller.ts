import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';

import { CurrentPrincipal, RequireScopes, type Principal } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';
import { cardParams, type CardParams } from '../cards/dto/card-number.schema';

import type { CardRekeyView } from './card-rekey';
import {
  completeRekeyBody,
  failRekeyBody,
  rekeyParams,
  type CompleteRekeyBody,
  type FailRekeyBody,
  type RekeyParams,
} from './dto/rekey.schemas';
import type { RekeyPackageView } from './rekey-package';
import { RekeyService } from './rekey.service';

/** Re-keys of cards in the field, called by the reader gateway with the card in its reader. */
@Controller('cards/:cardNumber/rekeys')
@RequireScopes(AuthorityScopes.personalize)
export class RekeyController {
  constructor(private readonly rekeys: RekeyService) {}

  /**
   * Issues a re-key package for the card. 404 for an unknown card; 409 `CARD_NOT_REKEYABLE` or
   * `CARD_ON_ACTIVE_KEY_VERSION`; 422 `KEY_VERSION_RETIRED` when the card's version is retired.
   */
  @Post()
  @HttpCode(201)
  issue(
    @Param(new ZodValidationPipe(cardParams)) params: CardParams,
    @CurrentPrincipal() reader: Principal,
  ): Promise<RekeyPackageView> {
    return this.rekeys.issue(params.cardNumber, reader.clientId);
  }

  /** Reports that the card proved its new keys, with the certificate read from the card. */
  @Post(':rekeyId/complete')
  @HttpCode(200)
  complete(
    @Param(new ZodValidationPipe(rekeyParams)) params: RekeyParams,
    @Body(new ZodValidationPipe(completeRekeyBody)) body: CompleteRekeyBody,
  ): Promise<CardRekeyView> {
    return this.rekeys.complete(
      params.cardNumber,
      params.rekeyId,
      Buffer.from(body.certificate, 'base64'),
    );
  }

  /** Reports that the re-key did not finish; the card keeps its version. */
  @Post(':rekeyId/fail')
  @HttpCode(200)
  fail(
    @Param(new ZodValidationPipe(rekeyParams)) params: RekeyParams,
    @Body(new ZodValidationPipe(failRekeyBody)) body: FailRekeyBody,
  ): Promise<CardRekeyView> {
    return this.rekeys.fail(params.cardNumber, params.rekeyId, body.reason);
  }
}
