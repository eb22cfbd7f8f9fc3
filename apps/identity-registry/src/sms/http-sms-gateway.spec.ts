import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import pino from 'pino';

import { FakeSmsOperator } from '@bitaqa/testing';

import { HttpSmsGateway } from './http-sms-gateway';
import { SmsDeliveryError } from './sms-gateway';
import type { SmsGatewaySettings } from './sms-settings';

const MESSAGE = { reference: 'ref-1', text: 'مرحبا', to: '+963944123456' };

describe('HttpSmsGateway', () => {
  const operator = new FakeSmsOperator('secret-token');
  const waits: number[] = [];

  beforeAll(() => operator.start());

  afterAll(() => operator.stop());

  beforeEach(() => {
    operator.recover();
    operator.messages.length = 0;
    waits.length = 0;
  });

  function gateway(overrides: Partial<SmsGatewaySettings> = {}): HttpSmsGateway {
    return new HttpSmsGateway(
      {
        maxAttempts: 3,
        retryBaseMs: 100,
        timeoutMs: 500,
        token: operator.token,
        url: operator.url,
        ...overrides,
      },
      pino({ level: 'silent' }),
      async (milliseconds) => {
        waits.push(milliseconds);
      },
    );
  }

  async function failure(promise: Promise<unknown>): Promise<SmsDeliveryError> {
    const error = await promise.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );

    if (!(error instanceof SmsDeliveryError))
      throw new Error(`expected SmsDeliveryError, got ${String(error)}`);

    return error;
  }

  it('returns the operator message id', async () => {
    const messageId = await gateway().send(MESSAGE);

    expect(operator.messages).toEqual([expect.objectContaining({ ...MESSAGE, messageId })]);
    expect(waits).toEqual([]);
  });

  it('retries 5xx with growing waits', async () => {
    const requestsBefore = operator.sendRequests;

    operator.fail({ count: 2, status: 503 });

    const messageId = await gateway().send(MESSAGE);

    expect(messageId).toBe(operator.messages[0]?.messageId);
    expect(operator.sendRequests - requestsBefore).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the last attempt', async () => {
    operator.fail({ status: 502 });

    const error = await failure(gateway().send(MESSAGE));

    expect(error).toMatchObject({ code: 'SMS_OPERATOR_UNAVAILABLE', retriable: true });
    expect(waits).toHaveLength(2);
    expect(operator.messages).toHaveLength(0);
  });

  it('retries 429 as throttling', async () => {
    operator.fail({ count: 1, status: 429 });

    await gateway().send(MESSAGE);

    expect(waits).toHaveLength(1);
  });

  it('does not retry a rejected message', async () => {
    operator.fail({ status: 400 });

    const error = await failure(gateway().send(MESSAGE));

    expect(error).toMatchObject({ code: 'SMS_REJECTED', retriable: false });
    expect(error.message).toContain('HTTP 400');
    expect(waits).toEqual([]);
  });

  it('classifies a wrong token as retriable', async () => {
    const error = await failure(gateway({ maxAttempts: 1, token: 'wrong' }).send(MESSAGE));

    expect(error).toMatchObject({ code: 'SMS_OPERATOR_AUTH_FAILED', retriable: true });
  });

  it('times out a slow operator', async () => {
    operator.fail({ count: 1, delayMs: 2_000 });

    const error = await failure(gateway({ maxAttempts: 1, timeoutMs: 200 }).send(MESSAGE));

    expect(error).toMatchObject({ code: 'SMS_OPERATOR_TIMEOUT', retriable: true });
  });

  it('reports an unreachable operator', async () => {
    const closed = createServer();

    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));

    const port = (closed.address() as AddressInfo).port;

    await new Promise((resolve) => closed.close(resolve));

    const error = await failure(
      gateway({ maxAttempts: 1, url: `http://127.0.0.1:${port}/messages` }).send(MESSAGE),
    );

    expect(error).toMatchObject({ code: 'SMS_OPERATOR_UNREACHABLE', retriable: true });
  });

  it('retries a 2xx answer without message id', async () => {
    const odd = createServer((_request, response) => response.writeHead(200).end('{}'));

    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));

    const port = (odd.address() as AddressInfo).port;
    const error = await failure(
      gateway({ url: `http://127.0.0.1:${port}/messages` }).send(MESSAGE),
    );

    await new Promise((resolve) => odd.close(resolve));

    expect(error).toMatchObject({ code: 'SMS_OPERATOR_BAD_RESPONSE', retriable: true });
    expect(waits).toHaveLength(2);
  });

  it('sends a retried reference once', async () => {
    operator.fail({ acceptFirst: true, count: 1, status: 500 });

    const messageId = await gateway().send(MESSAGE);

    expect(operator.messages).toHaveLength(1);
    expect(operator.messages[0]?.messageId).toBe(messageId);
  });
});
