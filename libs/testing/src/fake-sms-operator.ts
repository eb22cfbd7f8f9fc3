import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the fake operator accepted for delivery. */
export interface FakeSmsMessage {
  messageId: string;
  receivedAt: Date;
  /** The sender's reference; a second request with the same reference is not delivered again. */
  reference: string;
  text: string;
  to: string;
}

/**
 * Failure mode for the next send requests. `status` sets the HTTP status of the response. With
 * `acceptFirst` the fake records the message before responding, like an operator that delivered
 * but lost its response. `delayMs` delays handling the request, so a client with a shorter
 * timeout gives up.
 */
export interface FakeSmsFailure {
  acceptFirst?: boolean;
  /** How many requests fail; unset means every request until `recover()`. */
  count?: number;
  delayMs?: number;
  status?: number;
}

const E164 = /^\+\d{8,15}$/;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A stand-in for an SMS operator: a real HTTP server on 127.0.0.1 that records messages and can
 * be set to fail. Send API: `POST /messages` with a bearer token and `{ to, text, reference }`
 * returns 201 `{ messageId }`, or 200 with the first message id for a reference seen before.
 * Control API for other processes: `GET /messages`, `DELETE /messages`, `PUT /failure` with a
 * `FakeSmsFailure` body, and `DELETE /failure`.
 */
export class FakeSmsOperator {
  readonly messages: FakeSmsMessage[] = [];
  /** Send requests received, failed ones included. */
  sendRequests = 0;
  private failure: FakeSmsFailure | undefined;
  private readonly server: Server;

  /** `onMessage` is called with each newly delivered message, for tools that print them. */
  constructor(
    readonly token: string,
    private readonly onMessage?: (message: FakeSmsMessage) => void,
  ) {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        respond(response, 500, { error: String(error) });
      });
    });
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async start(port = 0, host = '127.0.0.1'): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** URL of the send endpoint, the value for SMS_GATEWAY_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/messages`;
  }

  fail(failure: FakeSmsFailure): void {
    this.failure = { ...failure };
  }

  recover(): void {
    this.failure = undefined;
  }

  messagesTo(to: string): FakeSmsMessage[] {
    return this.messages.filter((message) => message.to === to);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = `${request.method} ${request.url}`;

    if (route === 'POST /messages') return this.send(request, response);
    if (route === 'GET /messages') return respond(response, 200, { messages: this.messages });
    if (route === 'DELETE /messages') {
      this.messages.length = 0;

      return respond(response, 204);
    }
    if (route === 'PUT /failure') {
      this.fail((await readJson(request)) as FakeSmsFailure);

      return respond(response, 204);
    }
    if (route === 'DELETE /failure') {
      this.recover();

      return respond(response, 204);
    }

    respond(response, 404, { error: `no route ${route}` });
  }

  private async send(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.sendRequests += 1;

    const failure = this.takeFailure();

    if (failure?.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, failure.delayMs).unref());
    }
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      return respond(response, 401, { error: 'invalid or missing bearer token' });
    }

    const body = (await readJson(request)) as Partial<FakeSmsMessage> | undefined;

    if (
      typeof body?.to !== 'string' ||
      !E164.test(body.to) ||
      typeof body.text !== 'string' ||
      body.text.length === 0 ||
      typeof body.reference !== 'string' ||
      body.reference.length === 0
    ) {
      return respond(response, 400, { error: 'send to (E.164), text and reference' });
    }
    if (failure?.status !== undefined && !failure.acceptFirst) {
      return respond(response, failure.status, { error: 'simulated failure' });
    }

    const message = this.deliver(body.to, body.text, body.reference);

    if (failure?.status !== undefined) {
      return respond(response, failure.status, { error: 'simulated failure' });
    }

    respond(response, message.isNew ? 201 : 200, { messageId: message.messageId });
  }

  /** Records a message unless its reference was delivered before. */
  private deliver(
    to: string,
    text: string,
    reference: string,
  ): FakeSmsMessage & { isNew: boolean } {
    const earlier = this.messages.find((message) => message.reference === reference);

    if (earlier) return { ...earlier, isNew: false };

    const message = { messageId: randomUUID(), receivedAt: new Date(), reference, text, to };

    this.messages.push(message);
    this.onMessage?.(message);

    return { ...message, isNew: true };
  }

  private takeFailure(): FakeSmsFailure | undefined {
    const failure = this.failure;

    if (failure?.count !== undefined) {
      failure.count -= 1;
      if (failure.count <= 0) this.failure = undefined;
    }

    return failure;
  }
}

function respond(response: ServerResponse, status: number, body?: unknown): void {
  if (response.headersSent) return;

  response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Reads a JSON body; returns undefined when it is empty, too large or not JSON. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }

  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
