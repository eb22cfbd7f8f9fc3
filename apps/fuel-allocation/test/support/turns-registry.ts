import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  type Principal,
  TokenVerifier,
  type TokenSource,
  verifierSettingsFromEnv,
} from '@bitaqa/auth';
import { testTokenSource } from '@bitaqa/testing';

/** The agency service whose policy covers fuel allocation's notices at the registry. */
export const FUEL_NOTICE_SERVICE = 'fuel-allocation';

/**
 * Tokens like the card authority issues to fuel allocation's credential for the registry:
 * kind app, scope identity:notify, and the agency service as the `svc` claim.
 */
export function registryTokenSource(): Promise<TokenSource> {
  return testTokenSource({
    audience: 'identity-registry',
    kind: 'app',
    scopes: ['identity:notify'],
    serviceId: FUEL_NOTICE_SERVICE,
    subject: 'fuel-allocation',
  });
}

/** One request the stand-in registry received, in arrival order. */
export interface SmsCall {
  /** Value of the Authorization header. */
  authorization: string | undefined;
  /** The verified token's caller, or undefined when the token was rejected. */
  caller: Pick<Principal, 'clientId' | 'kind' | 'serviceId'> | undefined;
  message: string;
  nationalNumber: string;
  purpose: string;
  reference: string;
}

/**
 * A stand-in for the identity registry's `POST /notifications/sms` on 127.0.0.1, because the
 * registry is another ministry's service. It records every request and checks its token with
 * the platform's TokenVerifier: 401 for a missing or invalid token, 403 unless the token is of
 * kind app with identity:notify and names `acceptedService` as `svc`. It responds with 422
 * MOBILE_NOT_BOUND for national numbers without a mobile number, returns the same notification
 * id for a repeated reference like the registry does, and can be set to fail with 503.
 */
export class StandInRegistry {
  /** The `svc` claim the stand-in accepts; a test changes it to make the registry reject. */
  acceptedService = FUEL_NOTICE_SERVICE;
  readonly calls: SmsCall[] = [];
  private failuresLeft = 0;
  private readonly notificationIds = new Map<string, string>();
  private readonly server: Server;
  private readonly unbound = new Set<string>();
  private readonly verifier = new TokenVerifier(verifierSettingsFromEnv('identity-registry'));

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

    const body = JSON.parse(await readBody(request)) as Omit<SmsCall, 'authorization' | 'caller'>;
    const authorization = request.headers.authorization;
    const principal = await this.verifier.verifyHeader(authorization).catch(() => undefined);
    const caller = principal && {
      clientId: principal.clientId,
      kind: principal.kind,
      serviceId: principal.serviceId,
    };

    this.calls.push({ ...body, authorization, caller });
    if (principal === undefined) {
      return this.reply(response, 401, {
        error: { code: 'TOKEN_INVALID', message: 'the access token is not accepted' },
      });
    }
    if (principal.kind !== 'app' || !principal.scopes.has('identity:notify')) {
      return this.reply(response, 403, {
        error: { code: 'SCOPE_MISSING', message: 'an app token with identity:notify is needed' },
      });
    }
    if (principal.serviceId !== this.acceptedService) {
      return this.reply(response, 403, {
        error: { code: 'AGENCY_UNKNOWN', message: `${principal.serviceId} is not an agency` },
      });
    }
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;

      return this.reply(response, 503, { error: { code: 'SMS_GATEWAY_DOWN', message: 'down' } });
    }
    if (this.unbound.has(body.nationalNumber)) {
      return this.reply(response, 422, {
        error: { code: 'MOBILE_NOT_BOUND', message: `${body.nationalNumber} has no mobile number` },
      });
    }

    const notificationId = this.notificationIds.get(body.reference) ?? randomUUID();

    this.notificationIds.set(body.reference, notificationId);
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
