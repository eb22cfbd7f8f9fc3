import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';

import type { Card } from './card';
import { CardsService, type CardDetails } from './cards.service';
import { cardParams, type CardParams } from './dto/card-number.schema';
import { findCardsQuery, type FindCardsQuery } from './dto/find-cards.query';
import { transitionBody, type TransitionBody } from './dto/transition.body';

@Controller('cards')
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  /** Returns one card with its status history. */
  @Get(':cardNumber')
  @RequireScopes(AuthorityScopes.cards)
  getCard(@Param(new ZodValidationPipe(cardParams)) params: CardParams): Promise<CardDetails> {
    return this.cards.getCard(params.cardNumber);
  }

  /** Lists the cards of one holder, newest first. */
  @Get()
  @RequireScopes(AuthorityScopes.cards)
  async findCards(
    @Query(new ZodValidationPipe(findCardsQuery)) query: FindCardsQuery,
  ): Promise<{ items: Card[] }> {
    return { items: await this.cards.findByNationalNumber(query.nationalNumber) };
  }

  /** An officer suspends, reactivates, reports lost or stolen, or revokes a card. */
  @Post(':cardNumber/transitions')
  @RequireScopes(AuthorityScopes.officer)
  @HttpCode(200)
  changeStatus(
    @Param(new ZodValidationPipe(cardParams)) params: CardParams,
    @Body(new ZodValidationPipe(transitionBody)) body: TransitionBody,
  ): Promise<Card> {
    return this.cards.changeStatusByOfficer(params.cardNumber, body.to, body.reason);
  }
}
