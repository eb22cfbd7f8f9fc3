import { randomUUID } from 'node:crypto';

import type { TokenSource } from '@bitaqa/auth';

import type { CardOutputStack } from './card-output';
import { postJson } from './http-json';
import type { SaleOutcome, StationPump } from './station-pump';

export interface SalesResult {
  accepted: SaleOutcome[];
  /** The same sale sent again by the station after a lost response, which must not debit twice. */
  retried: { first: SaleOutcome; replay: SaleOutcome } | undefined;
  refused: SaleOutcome[];
}

/** One gas cylinder per card: every family's entitlement allows it in the first interval. */
export const GAS_SALE = { productCode: 'gas-cylinder', quantity: 1 } as const;

/**
 * Serves `cardNumbers` at the station pump, one gas cylinder each, then shows that a retried
 * sale debits once.
 */
export async function runSales(
  pump: StationPump,
  cards: CardOutputStack,
  cardNumbers: string[],
  onProgress: (line: string) => void,
): Promise<SalesResult> {
  const result: SalesResult = { accepted: [], refused: [], retried: undefined };

  for (const [index, cardNumber] of cardNumbers.entries()) {
    const image = cards.card(cardNumber);

    if (!image) throw new Error(`card ${cardNumber} was never personalized at the encoder`);

    const outcome = await pump.sell(cardNumber, image, {
      ...GAS_SALE,
      idempotencyKey: randomUUID(),
    });

    (outcome.status === 201 || outcome.status === 200 ? result.accepted : result.refused).push(
      outcome,
    );
    if ((index + 1) % 50 === 0 || index + 1 === cardNumbers.length) {
      onProgress(
        `sales ${index + 1}/${cardNumbers.length}: accepted ${result.accepted.length}, refused ${result.refused.length}`,
      );
    }
  }

  const first = result.accepted[0];

  if (first) {
    const key = String(first.body.idempotencyKey);

    result.retried = {
      first,
      replay: await pump.retry(first.cardNumber, { ...GAS_SALE, idempotencyKey: key }),
    };
  }

  return result;
}

/** A station and the tokens of its credential at the card authority. */
export interface StationCaller {
  stationId: string;
  tokens: TokenSource;
}

/**
 * Two stations redeem the same card's last cylinder at the same moment, each with its own
 * idempotency key and station token, straight against fuel allocation. Exactly one may succeed.
 */
export async function raceTwoStations(
  fuelUrl: string,
  cardNumber: string,
  stations: [StationCaller, StationCaller],
): Promise<number[]> {
  const answers = await Promise.all(
    stations.map((station) =>
      postJson(
        `${fuelUrl}/redemptions`,
        { ...GAS_SALE, cardNumber, idempotencyKey: randomUUID(), stationId: station.stationId },
        station.tokens,
      ),
    ),
  );

  return answers.map((answer) => answer.status).sort();
}
