import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** API key the stand-in accepts until a test changes it. */
export const REGISTRY_API_KEY = 'fuel-allocation-test-key';

/** One request the stand-in registry received, in arrival order. */
export interface SmsCall {
  /** Value of the Authorization header. */
  authorization: string | undefined;
  message: string;
  nationalNumber: string;
  purpose: string;
  reference: string;
}

/**
 * A stand-in for the identity registry's `POST /notifications/sms` on 127.0.0.1, because the
 * registry is another ministry's service. It records every request, responds with 401 unless
 * the request carries the accepted API key as a bearer token, responds with 422
 * MOBILE_NOT_BOUND for national numbers without a mobile number, returns the same notification
 * id for a repeated reference like the registry does, and can be set to fail with 503.
 */
export class StandInRegistry {
  acceptedKey = REGISTRY_API_KEY;
  readonly calls: SmsCall[] = [];
  private failuresLeft = 0;
  private readonly notificationIds = new Map<string, string>();
  private readonly server: Server;
  private readonly unbound = new Set<string>();

  private constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  static async start(): Promise<StandInRegistry> {
    const registry = new StandInRegistry();

    await new Promise<void>((resolve) => registry.server.listen(0, '127.0.0.1', resolve));

    return registry;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Makes every later request for this national number fail with 422 MOBILE_NOT_BOUND. */
  unbind(nationalNumber: string): void {
    this.unbound.add(nationalNumber);
  }

  /** Makes the next `count` requests fail with 503. */
  failNext(count: number): void {
    this.failuresLeft = count;
  }

  callsFor(reference: string): SmsCall[] {
    return this.calls.filter((call) => call.reference === reference);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url !== '/notifications/sms') {
      return this.reply(response, 404, { error: { code: 'NOT_FOUND', message: request.url } });
    }

    const body = JSON.parse(await readBody(request)) as Omit<SmsCall, 'authorization'>;
    const call = { ...body, authorization: request.headers.authorization };

    this.calls.push(call);
    if (call.authorization !== `Bearer ${this.acceptedKey}`) {
      return this.reply(response, 401, {
        error: { code: 'API_KEY_INVALID', message: 'the API key is not accepted' },
      });
    }
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;

      return this.reply(response, 503, { error: { code: 'SMS_GATEWAY_DOWN', message: 'down' } });
    }
    if (this.unbound.has(call.nationalNumber)) {
      return this.reply(response, 422, {
        error: { code: 'MOBILE_NOT_BOUND', message: `${call.nationalNumber} has no mobile number` },
      });
    }

    const notificationId = this.notificationIds.get(call.reference) ?? randomUUID();

    this.notificationIds.set(call.reference, notificationId);
    this.reply(response, 202, { notificationId, status: 'queued' });
  }

  private reply(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];

  for await (const chunk of request) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks).toString('utf8');
}
