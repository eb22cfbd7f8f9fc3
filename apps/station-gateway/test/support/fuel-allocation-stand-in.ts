import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// NOTE: replaces apps/fuel-allocation in these tests because its POST /redemptions does not exist
// yet. It keeps the property the station relies on: one debit per idempotency key, and the same
// response to every repeat of that key.

interface RedemptionBody {
  cardNumber: string;
  idempotencyKey: string;
  productCode: string;
  quantity: number;
  stationId: string;
}

interface StoredRedemption {
  amountPiastres: number;
  balanceAfter: number;
  cardNumber: string;
  productCode: string;
  quantity: number;
  redemptionId: string;
  stationId: string;
  unit: 'cylinder';
}

const PRICE_PER_CYLINDER_PIASTRES = 1_000_000;

/** A minimal redemption API: gas cylinders only, a fixed quota per card, exactly once per key. */
export class FuelAllocationStandIn {
  readonly redemptions = new Map<string, StoredRedemption>();
  private readonly balances = new Map<string, number>();
  private server: Server | undefined;

  constructor(private readonly quotaPerCard: number) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  balanceOf(cardNumber: string): number {
    return this.balances.get(cardNumber) ?? this.quotaPerCard;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];

    for await (const chunk of request) chunks.push(chunk as Buffer);

    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RedemptionBody;
    const [status, responseBody] = this.redeem(body);

    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(responseBody));
  }

  private redeem(body: RedemptionBody): [number, unknown] {
    const previous = this.redemptions.get(body.idempotencyKey);

    if (previous) return [200, previous];

    const balance = this.balanceOf(body.cardNumber);

    if (body.quantity > balance) {
      return [422, { error: { code: 'QUOTA_EXCEEDED', message: `balance is ${balance}` } }];
    }

    const redemption: StoredRedemption = {
      amountPiastres: body.quantity * PRICE_PER_CYLINDER_PIASTRES,
      balanceAfter: balance - body.quantity,
      cardNumber: body.cardNumber,
      productCode: body.productCode,
      quantity: body.quantity,
      redemptionId: randomUUID(),
      stationId: body.stationId,
      unit: 'cylinder',
    };

    this.balances.set(body.cardNumber, redemption.balanceAfter);
    this.redemptions.set(body.idempotencyKey, redemption);

    return [201, redemption];
  }
}
