import { setTimeout as sleep } from 'node:timers/promises';

import type { TokenSource } from '@bitaqa/auth';
import { insertCard, PcscClient, type CardImage } from '@bitaqa/card';

export interface SaleRequest {
  idempotencyKey?: string;
  productCode: string;
  quantity: number;
}

export interface SaleOutcome {
  body: Record<string, unknown>;
  cardNumber: string;
  status: number;
}

/** Name of vpcd's second slot, the station's reader, as pcscd lists it (`Virtual PCD 00 01`). */
function stationReaderName(client: PcscClient): string {
  const name = client.listReaders().find((reader) => / 01$/.test(reader));

  if (!name)
    throw new Error('pcscd lists no reader ending in 01; run infra/up.sh to start pcscd with vpcd');

  return name;
}

/**
 * A customer at the pump: puts a card into the station's reader, requests a sale from the station
 * gateway, and takes the card out again once pcscd sees the slot empty.
 */
export class StationPump {
  private readonly pcsc = new PcscClient();
  private readonly readerName: string;

  constructor(
    private readonly stationUrl: string,
    private readonly attendant: TokenSource,
    private readonly vpcdHost: string,
    private readonly stationSlotPort: number,
  ) {
    this.readerName = stationReaderName(this.pcsc);
  }

  async sell(cardNumber: string, image: CardImage, request: SaleRequest): Promise<SaleOutcome> {
    const card = await insertCard(image, { host: this.vpcdHost, port: this.stationSlotPort });

    try {
      return await this.post(cardNumber, request);
    } finally {
      await card.remove();
      await this.waitUntilEmpty();
    }
  }

  /** Sends the same sale again without a card, as a station retrying after a lost response. */
  async retry(cardNumber: string, request: SaleRequest): Promise<SaleOutcome> {
    return this.post(cardNumber, request);
  }

  private async post(cardNumber: string, request: SaleRequest): Promise<SaleOutcome> {
    const response = await fetch(`${this.stationUrl}/transactions`, {
      body: JSON.stringify(request),
      headers: {
        authorization: await this.attendant.authorization(),
        'content-type': 'application/json',
      },
      method: 'POST',
    });

    return {
      body: (await response.json()) as Record<string, unknown>,
      cardNumber,
      status: response.status,
    };
  }

  private async waitUntilEmpty(): Promise<void> {
    const deadline = Date.now() + 10_000;

    while (this.pcsc.isCardPresent(this.readerName)) {
      if (Date.now() > deadline)
        throw new Error(`${this.readerName} still reports a card 10 s after removal`);
      await sleep(20);
    }
  }
}
