import { randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import {
  authenticateCardOffline,
  CardSignatureError,
  encodeTransactionData,
  SIGNATURE_CHALLENGE_LENGTH,
  type AuthenticatedCard,
} from '@bitaqa/card';
import { CARD_FLAG_CODES, CardFlagged } from '@bitaqa/contracts';
import type { Logger } from '@bitaqa/observability';

import type { CardReading, SignatureRequest } from '../card-reader/station-card-reader';
import type { StationConfig } from '../config';
import { enqueueStationEvent } from '../outbox/station-outbox';
import type { SqliteTransaction } from '../sqlite/sqlite-transaction';
import { StationDatabase } from '../sqlite/station-database';
import { LOGGER, STATION_CONFIG } from '../tokens';
import type { Refusal } from '../transactions/card-check';
import { TrustAnchorsService } from '../trust-anchors/trust-anchors.service';

import { CardFlagRepository, type CardFlag } from './card-flag.repository';
import { CardHistoryRepository } from './card-history.repository';

/** The sale a card is asked to sign. */
export interface SaleToSign {
  productCode: string;
  /** Millilitres of fuel or whole gas cylinders. */
  quantity: number;
}

export type AuthenticationOutcome =
  { accepted: true; card: AuthenticatedCard } | { accepted: false; refusal: Refusal };

const FLAGGED_CODES: ReadonlySet<string> = new Set(CARD_FLAG_CODES);

/** Bytes of an INTERNAL AUTHENTICATE response: a 4-byte counter, then r || s. */
const RESPONSE_LENGTH = 68;

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/**
 * Authenticates the card of every sale offline: a fresh challenge, the card's signature over
 * it and the sale, the certificate chain to a trusted issuer key, and the card's counter and
 * signature history. A refusal whose code suggests a cloned or forged card is stored as a flag
 * and published on station.card-flags, in the same SQLite transaction.
 */
@Injectable()
export class CardAuthenticator {
  constructor(
    @Inject(STATION_CONFIG) private readonly config: StationConfig,
    @Inject(StationDatabase) private readonly database: StationDatabase,
    @Inject(CardFlagRepository) private readonly flags: CardFlagRepository,
    @Inject(CardHistoryRepository) private readonly history: CardHistoryRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TrustAnchorsService) private readonly trustAnchors: TrustAnchorsService,
  ) {}

  /** Draws a fresh random challenge and encodes the sale, for the card to sign during the read. */
  newRequest(sale: SaleToSign, now: Date): SignatureRequest {
    return {
      challenge: randomBytes(SIGNATURE_CHALLENGE_LENGTH),
      transactionData: encodeTransactionData({
        productCode: sale.productCode,
        quantity: sale.quantity,
        stationId: this.config.stationId,
        time: now,
      }),
    };
  }

  async authenticate(
    reading: CardReading,
    request: SignatureRequest,
    transactionId: string,
    now: Date,
  ): Promise<AuthenticationOutcome> {
    if ('statusWord' in reading.signature) {
      return {
        accepted: false,
        refusal: {
          reason: `the card refused to sign the sale (status word ${reading.signature.statusWord})`,
          refusal: 'CARD_AUTHENTICATION_FAILED',
          status: 'unauthenticated',
        },
      };
    }

    const { response } = reading.signature;

    return this.database.transaction(async (tx) => {
      const signature = response.length === RESPONSE_LENGTH ? response.subarray(4) : null;
      const history = await this.history.read(tx, reading.cardNumber, signature);

      try {
        const card = authenticateCardOffline(
          {
            ...request,
            cardNumber: reading.cardNumber,
            certificate: reading.certificate,
            now,
            response,
          },
          (keyVersion) => this.trustAnchors.find(keyVersion),
          {
            isSignatureUsed: (presented) =>
              history.signatureUsed && presented.equals(signature ?? Buffer.alloc(0)),
            lastCounter: history.lastCounter,
          },
        );

        await this.history.accept(tx, { ...request, card, transactionId });

        return { accepted: true as const, card };
      } catch (error) {
        if (!(error instanceof CardSignatureError)) throw error;

        return {
          accepted: false as const,
          refusal: await this.reject(tx, reading, error, history.lastCounter, transactionId, now),
        };
      }
    });
  }

  private async reject(
    tx: SqliteTransaction,
    reading: CardReading,
    error: CardSignatureError,
    lastCounter: number,
    transactionId: string,
    now: Date,
  ): Promise<Refusal> {
    const refusal: Refusal = {
      reason: error.message,
      refusal: error.code,
      status: 'unauthenticated',
    };

    if (!FLAGGED_CODES.has(error.code)) return refusal;

    const flag: CardFlag = {
      cardNumber: reading.cardNumber,
      certificateCardNumber:
        typeof error.details['certificateCardNumber'] === 'string'
          ? error.details['certificateCardNumber']
          : null,
      code: error.code as CardFlag['code'],
      counter: numberOrNull(error.details['counter']),
      flagId: randomUUID(),
      flaggedAt: now.toISOString(),
      keyVersion: numberOrNull(error.details['keyVersion']),
      lastCounter,
      message: error.message.slice(0, 500),
      stationId: this.config.stationId,
      transactionId,
    };

    await this.flags.insert(tx, flag);
    await enqueueStationEvent(tx, CardFlagged, flag, this.config.stationId);
    this.logger.warn(
      { cardNumber: flag.cardNumber, code: flag.code, flagId: flag.flagId, transactionId },
      'card flagged',
    );

    return { ...refusal, flagId: flag.flagId, status: 'suspect' };
  }
}
