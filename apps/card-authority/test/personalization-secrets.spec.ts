import { createPrivateKey, createPublicKey } from 'node:crypto';

import { pointFromPublicKey, verifyCardCertificate } from '@bitaqa/card-keys';
import { IdentityUpdated, PersonalizationCompleted } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import { AuthorityScopes } from '../src/auth/scopes';
import { CardKeysService } from '../src/keys/card-keys.service';
import type { IssuerCertificateView } from '../src/keys/key-version';
import type { PersonalizationSecretsView } from '../src/personalization/personalization-secrets';

import { completedResult, headIdentity } from './support/builders';
import { authorityAuthorization, Harness } from './support/harness';
import { waitForCardOf, waitForCardStatus } from './support/queries';

interface Response<Body> {
  body: Body;
  status: number;
}

describe('personalization secrets', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('secrets');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Posts for the job's secrets as an encoder site; undefined sends its usual token. */
  async function fetchSecrets<Body>(
    jobId: string,
    authorization?: string | null,
  ): Promise<Response<Body>> {
    const header =
      authorization === undefined
        ? await authorityAuthorization([AuthorityScopes.personalize], 'reader-gateway-test')
        : authorization;
    const response = await fetch(`${harness.baseUrl}/personalization/jobs/${jobId}/secrets`, {
      headers: header === null ? {} : { authorization: header },
      method: 'POST',
    });

    return { body: (await response.json()) as Body, status: response.status };
  }

  /** Publishes a new head of family and returns the card and job the authority queued. */
  async function queuedJob(): Promise<{ cardNumber: string; jobId: string }> {
    const head = headIdentity();
    await harness.publish(IdentityUpdated, head);
    const card = await waitForCardOf(harness, head.nationalNumber, 'queued');

    return { cardNumber: card.cardNumber, jobId: String(card.currentJobId) };
  }

  it('issues keys, signing key and certificate', async () => {
    const job = await queuedJob();
    const { body, status } = await fetchSecrets<PersonalizationSecretsView>(job.jobId);
    const issuer = await harness.http<IssuerCertificateView>('GET', '/keys/issuer-certificate');
    const certificate = verifyCardCertificate(
      Buffer.from(body.certificate, 'base64'),
      Buffer.from(issuer.body.certificate, 'base64'),
      { cardNumber: job.cardNumber, now: new Date() },
    );
    const signingKey = createPrivateKey({
      format: 'der',
      key: Buffer.from(body.signingKey, 'base64'),
      type: 'pkcs8',
    });
    const derived = await harness.running.app.get(CardKeysService).deriveCardKeys(job.cardNumber);

    expect(status).toBe(200);
    expect(body.jobId).toBe(job.jobId);
    expect(body.cardNumber).toBe(job.cardNumber);
    expect(body.keyVersion).toBe(1);
    expect(Buffer.from(body.cardKeys.enc, 'base64').equals(derived.enc)).toBe(true);
    expect(Buffer.from(body.cardKeys.mac, 'base64').equals(derived.mac)).toBe(true);
    expect(Buffer.from(body.cardKeys.auth, 'base64').equals(derived.auth)).toBe(true);
    expect(pointFromPublicKey(createPublicKey(signingKey)).equals(certificate.publicKey)).toBe(
      true,
    );
  });

  it('issues once per job', async () => {
    const job = await queuedJob();
    const first = await fetchSecrets<PersonalizationSecretsView>(job.jobId);
    const second = await fetchSecrets<ErrorBody>(job.jobId);

    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('SECRETS_ALREADY_ISSUED');
    expect(second.body.error.value).toBe(job.jobId);
  });

  it('issues to concurrent requests once', async () => {
    const job = await queuedJob();
    const responses = await Promise.all([
      fetchSecrets<unknown>(job.jobId),
      fetchSecrets<unknown>(job.jobId),
      fetchSecrets<unknown>(job.jobId),
    ]);

    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409]);
  });

  it('rejects a card that is not queued', async () => {
    const job = await queuedJob();
    await harness.publish(PersonalizationCompleted, completedResult(job));
    await waitForCardStatus(harness, job.cardNumber, 'issued');
    const { body, status } = await fetchSecrets<ErrorBody>(job.jobId);

    expect(status).toBe(409);
    expect(body.error.code).toBe('CARD_NOT_QUEUED');
    expect(body.error.value).toBe('issued');
  });

  it('rejects an unknown job with 404', async () => {
    const { body, status } = await fetchSecrets<ErrorBody>('00000000-0000-4000-8000-000000000000');

    expect(status).toBe(404);
    expect(body.error.code).toBe('PERSONALIZATION_JOB_NOT_FOUND');
  });

  it('rejects a malformed job id with 400', async () => {
    const { status } = await fetchSecrets<ErrorBody>('not-a-uuid');

    expect(status).toBe(400);
  });

  it('rejects calls without a personalize token', async () => {
    const job = await queuedJob();
    const officer = await authorityAuthorization([AuthorityScopes.officer, AuthorityScopes.cards]);
    const missing = await fetchSecrets<ErrorBody>(job.jobId, null);
    const wrong = await fetchSecrets<ErrorBody>(job.jobId, 'Bearer not-a-token');
    const unscoped = await fetchSecrets<ErrorBody>(job.jobId, officer);
    const after = await fetchSecrets<PersonalizationSecretsView>(job.jobId);

    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('TOKEN_MISSING');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('TOKEN_MALFORMED');
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.error.code).toBe('SCOPE_MISSING');
    expect(after.status).toBe(200);
  });
});
