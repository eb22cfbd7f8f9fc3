import {
  CardHopper,
  type CardSecrets,
  type PersonalizationData,
  PcscClient,
  personalizeCardSecurely,
  vpcdReaderName,
} from '@bitaqa/card';

import { ApduTiming } from '../../apps/reader-gateway/src/encoders/apdu-timing';

export interface RawCard {
  data: PersonalizationData;
  secrets: CardSecrets;
}

export interface RawRun {
  apdus: number;
  cards: number;
  roundTripMs: number;
  wallMs: number;
}

/** Personalizes `cards` on one vpcd slot, one after the other, with no gateway in between. */
async function runSlot(slot: 0 | 1, vpcdPort: number, cards: RawCard[], timing: ApduTiming) {
  const hopper = new CardHopper({ port: vpcdPort + slot });
  const pcsc = new PcscClient({ transmitTimeoutMs: 10_000 });
  await hopper.start();
  try {
    for (const card of cards) {
      const connection = await pcsc.connectWhenPresent(vpcdReaderName(slot), { timeoutMs: 30_000 });
      try {
        await personalizeCardSecurely(timing.wrap(connection), card);
      } finally {
        connection.disconnect('unpower');
      }
    }
  } finally {
    await hopper.stop();
  }
}

/**
 * Sends the APDU sequence of keyed personalization straight through the PC/SC binding on both
 * vpcd slots at once: no Kafka, database, card authority call or job bookkeeping.
 */
export async function runRawBaseline(vpcdPort: number, cards: RawCard[]): Promise<RawRun> {
  const timing = new ApduTiming();
  const half = Math.ceil(cards.length / 2);
  const started = performance.now();
  await Promise.all([
    runSlot(0, vpcdPort, cards.slice(0, half), timing),
    runSlot(1, vpcdPort, cards.slice(half), timing),
  ]);

  return {
    apdus: timing.apdus,
    cards: cards.length,
    roundTripMs: timing.roundTripMs,
    wallMs: performance.now() - started,
  };
}
