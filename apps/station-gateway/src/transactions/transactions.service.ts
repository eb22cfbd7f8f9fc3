import { randomUUID } from 'node:crypto';

import { HttpStatus, Inject, Injectable } from '@nestjs/common';

import { ApiError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { CardStatusRepository } from '../cache/card-status.repository';
import { CardAuthenticator } from '../card-auth/card-authenticator';
import {
  CardReadFailedError,
  type CardReading,
  type SignatureRequest,
  type StationCardReader,
} from '../card-reader/station-card-reader';
import type { StationConfig } from '../config';
import { FuelAllocationClient } from '../fuel-allocation/fuel-allocation.client';
import type { RedemptionOutcome } from '../fuel-allocation/redemption';
import { CARD_READER, LOGGER, STATION_CONFIG } from '../tokens';

import { calendarDate, checkCard, type Refusal } from './card-check';
import type { CreateTransactionInput } from './dto/create-transaction.dto';
import type { Receipt } from './receipt';
import type { StationTransaction } from './station-transaction';
import {
  cardReadApiError,
  cardReadStatus,
  cardRefusedError,
  idempotencyConflictError,
  redemptionUnavailableError,
  storedRejectionError,
} from './transaction-errors';
import { TransactionRepository } from './transaction.repository';

function toReceipt(transaction: StationTransaction, replayed: boolean): Receipt {
  return {
    amountPiastres: transaction.amountPiastres as number,
    attempts: transaction.attempts,
    balanceAfter: transaction.balanceAfter as number,
    cardNumber: transaction.cardNumber as string,
    idempotencyKey: transaction.idempotencyKey as string,
    productCode: transaction.productCode,
    quantity: transaction.quantity,
    redemptionId: transaction.redemptionId as string,
    replayed,
    transactionId: transaction.id,
    unit: transaction.unit as string,
  };
}

/**
 * A sale at the pump: read the card and have it sign the sale, authenticate it offline, check
 * it against the cache, then debit the quota through fuel-allocation. The idempotency key is stored before the first call, so a retry of the same
 * sale, by this service or by the pump with the same key, never debits twice.
 */
@Injectable()
export class TransactionsService {
  constructor(
    @Inject(CardAuthenticator) private readonly authenticator: CardAuthenticator,
    @Inject(CardStatusRepository) private readonly cards: CardStatusRepository,
    @Inject(STATION_CONFIG) private readonly config: StationConfig,
    @Inject(FuelAllocationClient) private readonly fuelAllocation: FuelAllocationClient,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CARD_READER) private readonly reader: StationCardReader,
    @Inject(TransactionRepository) private readonly transactions: TransactionRepository,
  ) {}

  async create(input: CreateTransactionInput): Promise<Receipt> {
    const existing = this.findByKey(input.idempotencyKey);

    if (existing) return this.resume(existing, input);

    const id = randomUUID();
    const now = new Date();
    const request = this.authenticator.newRequest(input, now);
    const reading = await this.readCard(input, request);
    const authentication = await this.authenticator.authenticate(reading, request, id, now);

    if (!authentication.accepted) {
      return this.refuse(input, reading.cardNumber, authentication.refusal, id);
    }

    const cached = this.cards.find(reading.cardNumber);
    const refusal = checkCard(reading, cached, calendarDate(now, this.config.timeZone));

    if (refusal) return this.refuse(input, reading.cardNumber, refusal, id);

    const idempotencyKey = input.idempotencyKey ?? `${this.config.stationId}:${randomUUID()}`;
    const inserted = await this.transactions.insert({
      cardNumber: reading.cardNumber,
      cardStatus: cached?.status ?? null,
      id,
      idempotencyKey,
      outcome: 'pending',
      productCode: input.productCode,
      quantity: input.quantity,
      vehiclePlate: input.vehiclePlate ?? null,
    });

    // A concurrent request with the same key recorded its transaction first; finish that one.
    if (!inserted) return this.resume(this.findByKey(idempotencyKey) as StationTransaction, input);

    return this.redeem(this.transactions.findById(id) as StationTransaction);
  }

  private findByKey(idempotencyKey: string | undefined): StationTransaction | undefined {
    return idempotencyKey === undefined
      ? undefined
      : this.transactions.findByIdempotencyKey(idempotencyKey);
  }

  private async resume(
    existing: StationTransaction,
    input: CreateTransactionInput,
  ): Promise<Receipt> {
    const sameSale =
      existing.productCode === input.productCode &&
      existing.quantity === input.quantity &&
      existing.vehiclePlate === (input.vehiclePlate ?? null);

    if (!sameSale) {
      throw idempotencyConflictError(existing, existing.idempotencyKey as string);
    }

    this.logger.info(
      {
        idempotencyKey: existing.idempotencyKey,
        outcome: existing.outcome,
        transactionId: existing.id,
      },
      'transaction retried with its idempotency key',
    );

    if (existing.outcome === 'accepted') return toReceipt(existing, true);
    if (existing.outcome === 'refused') throw storedRejectionError(existing);

    return this.redeem(existing);
  }

  private async readCard(
    input: CreateTransactionInput,
    request: SignatureRequest,
  ): Promise<CardReading> {
    try {
      return await this.reader.read(this.config.cardWaitMs, request);
    } catch (error) {
      if (!(error instanceof CardReadFailedError)) throw error;

      const id = randomUUID();
      const status = cardReadStatus(error);

      await this.transactions.insert({
        cardNumber: null,
        cardStatus: null,
        id,
        idempotencyKey: null,
        outcome: error.code === 'CARD_NOT_PERSONALIZED' ? 'refused' : 'failed',
        outcomeCode: error.code,
        outcomeMessage: error.message,
        outcomeStatus: status,
        productCode: input.productCode,
        quantity: input.quantity,
        vehiclePlate: input.vehiclePlate ?? null,
      });
      this.logger.warn(
        { code: error.code, reader: this.reader.readerName(), transactionId: id },
        'card read failed',
      );
      throw cardReadApiError(error, id);
    }
  }

  private async refuse(
    input: CreateTransactionInput,
    cardNumber: string,
    refusal: Refusal,
    id: string,
  ): Promise<never> {
    await this.transactions.insert({
      cardNumber,
      cardStatus: refusal.status,
      id,
      idempotencyKey: null,
      outcome: 'refused',
      outcomeCode: refusal.refusal,
      outcomeMessage: refusal.reason,
      outcomeStatus: HttpStatus.UNPROCESSABLE_ENTITY,
      productCode: input.productCode,
      quantity: input.quantity,
      vehiclePlate: input.vehiclePlate ?? null,
    });
    this.logger.info(
      {
        cardNumber,
        flagId: refusal.flagId,
        refusal: refusal.refusal,
        status: refusal.status,
        transactionId: id,
      },
      'card refused',
    );
    throw cardRefusedError(cardNumber, refusal, id);
  }

  private async redeem(transaction: StationTransaction): Promise<Receipt> {
    const outcome = await this.fuelAllocation.redeem({
      cardNumber: transaction.cardNumber as string,
      idempotencyKey: transaction.idempotencyKey as string,
      productCode: transaction.productCode,
      quantity: transaction.quantity,
      stationId: this.config.stationId,
      ...(transaction.vehiclePlate ? { vehiclePlate: transaction.vehiclePlate } : {}),
    });
    const completed = await this.transactions.complete(transaction.id, completionOf(outcome));
    const fields = {
      attempts: outcome.attempts,
      cardNumber: completed.cardNumber,
      code: completed.outcomeCode,
      idempotencyKey: completed.idempotencyKey,
      transactionId: completed.id,
    };

    if (outcome.kind === 'accepted') {
      this.logger.info({ ...fields, redemptionId: completed.redemptionId }, 'transaction accepted');

      return toReceipt(completed, false);
    }
    if (outcome.kind === 'rejected') {
      this.logger.info(fields, 'transaction rejected by fuel-allocation');
      throw rejectionError(completed, outcome.details);
    }

    this.logger.warn(fields, 'transaction failed without a response from fuel-allocation');
    throw redemptionUnavailableError(completed);
  }
}

function completionOf(outcome: RedemptionOutcome) {
  if (outcome.kind === 'accepted') {
    return {
      addedAttempts: outcome.attempts,
      amountPiastres: outcome.redemption.amountPiastres,
      balanceAfter: outcome.redemption.balanceAfter,
      outcome: 'accepted' as const,
      redemptionId: outcome.redemption.redemptionId,
      unit: outcome.redemption.unit,
    };
  }

  if (outcome.kind === 'rejected') {
    return {
      addedAttempts: outcome.attempts,
      outcome: 'refused' as const,
      outcomeCode: outcome.code,
      outcomeMessage: `fuel-allocation rejected the redemption: ${outcome.message}`,
      // A conflict stays a conflict; every other rejection is a business rule of the sale.
      outcomeStatus:
        outcome.status === HttpStatus.CONFLICT
          ? HttpStatus.CONFLICT
          : HttpStatus.UNPROCESSABLE_ENTITY,
    };
  }

  return {
    addedAttempts: outcome.attempts,
    outcome: 'failed' as const,
    outcomeCode: outcome.code,
    outcomeMessage: outcome.message,
    outcomeStatus:
      outcome.code === 'FUEL_ALLOCATION_TIMEOUT'
        ? HttpStatus.GATEWAY_TIMEOUT
        : HttpStatus.SERVICE_UNAVAILABLE,
  };
}

function rejectionError(
  transaction: StationTransaction,
  details: Record<string, unknown>,
): ApiError {
  const error = storedRejectionError(transaction);

  Object.assign(error.details, { upstream: details });

  return error;
}
