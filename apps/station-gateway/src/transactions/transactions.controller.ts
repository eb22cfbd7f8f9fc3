import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { StationScopes } from '../auth/scopes';

import { createTransactionSchema, type CreateTransactionInput } from './dto/create-transaction.dto';
import { listTransactionsQuery, type ListTransactionsQuery } from './dto/list-transactions.query';
import type { Receipt } from './receipt';
import type { StationTransaction } from './station-transaction';
import { TransactionRepository } from './transaction.repository';
import { TransactionsService } from './transactions.service';

@Controller('transactions')
@RequireScopes(StationScopes.operate)
export class TransactionsController {
  constructor(
    @Inject(TransactionRepository) private readonly transactions: TransactionRepository,
    @Inject(TransactionsService) private readonly service: TransactionsService,
  ) {}

  /** Sells fuel to the card in the station's reader. */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(
    @Body(new ZodValidationPipe(createTransactionSchema)) input: CreateTransactionInput,
  ): Promise<Receipt> {
    return this.service.create(input);
  }

  @Get()
  list(@Query(new ZodValidationPipe(listTransactionsQuery)) query: ListTransactionsQuery): {
    transactions: StationTransaction[];
  } {
    return { transactions: this.transactions.listLatest(query.limit) };
  }
}
