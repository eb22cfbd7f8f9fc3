import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { TokenVerifier, verifierSettingsFromEnv } from '@bitaqa/auth';
import type { CardSecrets } from '@bitaqa/card';
import {
  generateP256KeyPair,
  issueCardCertificate,
  issueIssuerCertificate,
  SoftwareKeyStore,
} from '@bitaqa/card-keys';

const KEY_VERSION = 1;

const SECRETS_PATH = /^\/personalization\/jobs\/([^/]+)\/secrets$/;

/** A response the authority gives instead of secrets, for tests of rejected requests. */
export interface ScriptedRejection {
  code: string;
  status: number;
}

/**
 * The card authority's secrets endpoint as the gateway calls it over HTTP, with a software key
 * store: it issues real card keys, signing keys and certificates once per job, and checks the
 * bearer token with the same verifier and key set as the real authority (audience
 * card-authority, scope authority:personalize). The card authority's own tests cover its
 * implementation of this endpoint.
 */
export class TestAuthority {
  /** Secrets handed out, by job id, so tests can check what went onto the card. */
  readonly issued = new Map<string, CardSecrets>();
  /** Every request seen, in order. */
  readonly requests: { clientId: string | null; jobId: string }[] = [];
  private readonly verifier = new TokenVerifier(verifierSettingsFromEnv('card-authority'));
  private readonly rejections: ScriptedRejection[] = [];

  private constructor(
    private readonly server: Server,
    private readonly store: SoftwareKeyStore,
    readonly issuerCertificate: Buffer,
    private readonly cardNumbers: Map<string, string>,
  ) {}

  static async start(): Promise<TestAuthority> {
    const store = await SoftwareKeyStore.open();
    await store.ensureVersionKeys(KEY_VERSION);
    const issuerCertificate = await issueIssuerCertificate(
      {
        keyVersion: KEY_VERSION,
        notAfter: '2040-12-31',
        notBefore: '2026-01-01',
        publicKey: await store.issuerPublicKey(KEY_VERSION),
      },
      (version, data) => store.signWithIssuerKey(version, data),
    );
    const cardNumbers = new Map<string, string>();
    const server = createServer();
    const authority = new TestAuthority(server, store, issuerCertificate, cardNumbers);
    server.on('request', (request, response) => void authority.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    return authority;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Registers a job the authority requested, as its database would hold it. */
  expectJob(jobId: string, cardNumber: string): void {
    this.cardNumbers.set(jobId, cardNumber);
  }

  /** Makes the next request fail with this status and code. */
  rejectNext(rejection: ScriptedRejection): void {
    this.rejections.push(rejection);
  }

  async deriveKeys(cardNumber: string) {
    return this.store.deriveCardKeys(cardNumber, KEY_VERSION);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const jobId = SECRETS_PATH.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || jobId === undefined) {
      return send(response, 404, error('ROUTE_NOT_FOUND', `no route ${request.url}`));
    }

    const caller = await this.verifier
      .verifyHeader(request.headers.authorization)
      .catch(() => null);

    this.requests.push({ clientId: caller?.clientId ?? null, jobId });
    const rejection = this.rejections.shift();
    if (rejection !== undefined) {
      return send(response, rejection.status, error(rejection.code, 'scripted rejection'));
    }

    if (caller === null || !caller.scopes.has('authority:personalize')) {
      return send(
        response,
        401,
        error('TOKEN_INVALID', 'no valid token with authority:personalize'),
      );
    }

    const cardNumber = this.cardNumbers.get(jobId);
    if (cardNumber === undefined) {
      return send(response, 404, error('PERSONALIZATION_JOB_NOT_FOUND', `job ${jobId}`));
    }

    if (this.issued.has(jobId)) {
      return send(response, 409, error('SECRETS_ALREADY_ISSUED', `job ${jobId}`));
    }

    const secrets = await this.issue(cardNumber);
    this.issued.set(jobId, secrets);
    send(response, 200, {
      cardKeys: {
        auth: secrets.keys.auth.toString('base64'),
        enc: secrets.keys.enc.toString('base64'),
        mac: secrets.keys.mac.toString('base64'),
      },
      cardNumber,
      certificate: secrets.certificate.toString('base64'),
      jobId,
      keyVersion: KEY_VERSION,
      signingKey: secrets.signingKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    });
  }

  /** Issues a card's keys, a fresh signing key and its certificate, as the endpoint does. */
  async issue(cardNumber: string): Promise<CardSecrets> {
    const keys = await this.store.deriveCardKeys(cardNumber, KEY_VERSION);
    const pair = generateP256KeyPair();
    const certificate = await issueCardCertificate(
      {
        cardNumber,
        keyVersion: KEY_VERSION,
        notAfter: '2031-12-31',
        notBefore: '2026-01-01',
        publicKey: pair.publicPoint,
      },
      (version, data) => this.store.signWithIssuerKey(version, data),
    );

    return { certificate, keys, signingKey: pair.privateKey };
  }
}

function error(code: string, message: string) {
  return { error: { code, message } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
