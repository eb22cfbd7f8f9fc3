import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { CardRekeyed, type CardStatus } from '@bitaqa/contracts';
import { ConflictError, NotFoundError } from '@bitaqa/http';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { toIsoDate } from '../cards/card-dates';
import { CLOCK, type Clock, LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { type DbTransaction, TRANSACTION_OPTIONS } from '../database/transaction';
import type { CardRekey as CardRekeyRow } from '../generated/prisma/client';
import { CardKeysService } from '../keys/card-keys.service';
import { KEYED_CARD_STATUSES } from '../keys/key-version-cards';
import { KeyVersionsService } from '../keys/key-versions.service';
import { EVENT_SOURCE } from '../messaging/event-source';

import { toCardRekeyView, type CardRekeyView } from './card-rekey';
import { storeCardCertificate, verifyRekeyedCertificate } from './rekey-certificate';
import { toRekeyPackageView, type RekeyPackageView } from './rekey-package';

/**
 * Statuses in which a card may be re-keyed. A suspended card keeps its version alive but gets no
 * new keys or certificate until it is reinstated, because a re-key package is enough to clone it.
 */
const REKEYABLE_STATUSES: readonly CardStatus[] = KEYED_CARD_STATUSES.filter(
  (status) => status !== 'suspended',
);

interface RekeyableCard {
  expiryDate: Date;
  keyVersion: number;
}

/**
 * Moves cards in the field to the active key version. A reader asks for a package, runs the
 * re-key on the card and reports the outcome. The card's key version changes, and `CardRekeyed`
 * is published, only when the reader reports the new keys proven.
 */
@Injectable()
export class RekeyService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: CardKeysService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly versions: KeyVersionsService,
  ) {}

  /**
   * Hands out the keys of the card's version, the keys of the active version, and a new key pair
   * certified under it until the card expires. An earlier package of the card that was not
   * reported is marked failed, so one package per card is open at a time.
   */
  async issue(cardNumber: string, actor: string): Promise<RekeyPackageView> {
    const card = await this.loadRekeyableCard(cardNumber);
    const active = await this.versions.active();

    this.assertBehind(cardNumber, card.keyVersion, active.version);

    const current = await this.keys.deriveCardKeys(cardNumber, card.keyVersion);
    const next = await this.keys.certifyNewKeyPair(cardNumber, {
      notAfter: toIsoDate(card.expiryDate),
      notBefore: toIsoDate(this.clock.now()),
    });
    const issuer = await this.versions.find(next.keyVersion);
    const rekeyId = randomUUID();

    await this.prisma.$transaction(async (tx) => {
      await tx.cardRekey.updateMany({
        data: {
          failureReason: `superseded by re-key ${rekeyId}`,
          finishedAt: this.clock.now(),
          status: 'failed',
        },
        where: { cardNumber, status: 'issued' },
      });
      await tx.cardRekey.create({
        data: {
          cardNumber,
          fromVersion: card.keyVersion,
          id: rekeyId,
          requestedBy: actor,
          toVersion: next.keyVersion,
        },
      });
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      { actor, cardNumber, fromVersion: card.keyVersion, rekeyId, toVersion: next.keyVersion },
      're-key package issued',
    );

    return toRekeyPackageView(rekeyId, cardNumber, current, next, issuer.issuerCertificate);
  }

  /**
   * Records that the card proved the new keys: stores the certificate read from the card, sets
   * the card's key version and publishes `CardRekeyed`, all in one transaction.
   */
  async complete(cardNumber: string, rekeyId: string, certificate: Buffer): Promise<CardRekeyView> {
    const row = await this.prisma.$transaction(async (tx) => {
      const open = await this.loadOpenRekey(tx, cardNumber, rekeyId);
      const now = this.clock.now();
      const verified = await verifyRekeyedCertificate(
        tx,
        certificate,
        cardNumber,
        open.toVersion,
        now,
      );

      await storeCardCertificate(tx, verified);
      await tx.card.updateMany({
        data: { keyVersion: open.toVersion },
        where: { cardNumber, keyVersion: { lt: open.toVersion } },
      });
      await enqueueEvent(
        tx,
        CardRekeyed,
        {
          cardNumber,
          fromKeyVersion: open.fromVersion,
          rekeyId,
          rekeyedAt: now.toISOString(),
          toKeyVersion: open.toVersion,
        },
        { source: EVENT_SOURCE, subject: cardNumber, time: now },
      );

      return tx.cardRekey.update({
        data: { finishedAt: now, status: 'completed' },
        where: { id: rekeyId },
      });
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      { cardNumber, rekeyId, toVersion: row.toVersion },
      'card re-keyed to a new key version',
    );

    return toCardRekeyView(row);
  }

  /** Records that the reader gave up; the card stays on its version and may get a new package. */
  async fail(cardNumber: string, rekeyId: string, reason: string): Promise<CardRekeyView> {
    const row = await this.prisma.$transaction(async (tx) => {
      await this.loadOpenRekey(tx, cardNumber, rekeyId);

      return tx.cardRekey.update({
        data: { failureReason: reason, finishedAt: this.clock.now(), status: 'failed' },
        where: { id: rekeyId },
      });
    }, TRANSACTION_OPTIONS);

    this.logger.warn({ cardNumber, reason, rekeyId }, 'card re-key failed');

    return toCardRekeyView(row);
  }

  private async loadRekeyableCard(cardNumber: string): Promise<RekeyableCard> {
    const card = await this.prisma.card.findUnique({
      select: { expiryDate: true, keyVersion: true, status: true },
      where: { cardNumber },
    });

    if (!card) {
      throw new NotFoundError('CARD_NOT_FOUND', `card ${cardNumber} not found`, {
        field: 'cardNumber',
        value: cardNumber,
      });
    }

    if (!REKEYABLE_STATUSES.includes(card.status) || card.keyVersion === null) {
      throw new ConflictError(
        'CARD_NOT_REKEYABLE',
        `card ${cardNumber} is ${card.status}; only a personalized card in use can be re-keyed`,
        {
          field: 'status',
          hint: `re-key cards in status ${REKEYABLE_STATUSES.join(', ')}; replace the others`,
          value: card.status,
        },
      );
    }

    return { expiryDate: card.expiryDate, keyVersion: card.keyVersion };
  }

  private assertBehind(cardNumber: string, cardVersion: number, activeVersion: number): void {
    if (cardVersion >= activeVersion) {
      throw new ConflictError(
        'CARD_ON_ACTIVE_KEY_VERSION',
        `card ${cardNumber} is on key version ${cardVersion}, the active version`,
        {
          field: 'cardNumber',
          hint: 'a card is re-keyed only after a newer key version starts',
          value: cardNumber,
        },
      );
    }
  }

  /** Locks the re-key row and checks that it belongs to the card and has no outcome yet. */
  private async loadOpenRekey(
    tx: DbTransaction,
    cardNumber: string,
    rekeyId: string,
  ): Promise<CardRekeyRow> {
    await tx.$executeRaw`SELECT 1 FROM card_rekeys WHERE id = ${rekeyId}::uuid FOR UPDATE`;

    const row = await tx.cardRekey.findUnique({ where: { id: rekeyId } });

    if (!row || row.cardNumber !== cardNumber) {
      throw new NotFoundError(
        'REKEY_NOT_FOUND',
        `re-key ${rekeyId} of card ${cardNumber} not found`,
        {
          field: 'rekeyId',
          hint: 'use the rekeyId of the package issued for this card',
          value: rekeyId,
        },
      );
    }

    if (row.status !== 'issued') {
      throw new ConflictError('REKEY_FINISHED', `re-key ${rekeyId} is ${row.status} already`, {
        field: 'rekeyId',
        hint: 'request a new package for the card',
        value: rekeyId,
      });
    }

    return row;
  }
}
