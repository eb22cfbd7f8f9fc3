import request from 'supertest';

import { PersonDied, Topics } from '@bitaqa/contracts';
import { headerText } from '@bitaqa/messaging';
import type { FakeSmsOperator } from '@bitaqa/testing';

import { CodeRequestLimiter } from '../src/mobile/code-request-limiter';
import { normalizeMobileNumber } from '../src/mobile/mobile-number';
import type { SmsSettings } from '../src/sms/sms-settings';

import { IdentityScopes } from '../src/auth/scopes';

import { createAgency } from './support/agency-setup';
import { freshNationalNumber } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';
import {
  appClock,
  bindNumber,
  confirmCode,
  freshMobileNumber,
  lastCodeSentTo,
  registerPersons,
  requestCode,
  startFakeOperator,
  testSmsSettings,
} from './support/sms-setup';
import { TopicCollector } from './support/topic-collector';
import { agencyAuthorization } from './support/tokens';

const MOBILE_BOUND = 'sy.gov.identity.mobile-bound.v1';
const MOBILE_UNBOUND = 'sy.gov.identity.mobile-unbound.v1';

describe('mobile binding', () => {
  const harness = new RegistryHarness('mobile');
  let operator: FakeSmsOperator;
  let settings: SmsSettings;
  let identityEvents: TopicCollector;
  let people: string[] = [];

  beforeAll(async () => {
    operator = await startFakeOperator();
    settings = testSmsSettings(operator, {
      MOBILE_MAX_IDENTITIES_PER_NUMBER: '2',
      OTP_REQUESTS_PER_IDENTITY: '4',
      OTP_REQUESTS_PER_NUMBER: '6',
    });
    await harness.start({ sms: settings });
    people = await registerPersons(harness, 48);
    identityEvents = new TopicCollector([`${harness.topicPrefix}${Topics.identityIdentities}`]);
    await identityEvents.start();
  });

  afterEach(() => {
    jest.restoreAllMocks();
    operator.recover();
  });

  afterAll(async () => {
    await identityEvents?.stop();
    await harness.stop();
    await operator?.stop();
  });

  function nextPerson(): string {
    const nationalNumber = people.pop();

    if (nationalNumber === undefined) throw new Error('the suite registered too few persons');

    return nationalNumber;
  }

  async function auditActions(nationalNumber: string): Promise<string[]> {
    const rows = await harness.query<{ action: string }>(
      'SELECT action::text FROM mobile_audit_log WHERE national_number = $1 ORDER BY id',
      [nationalNumber],
    );

    return rows.map((row) => row.action);
  }

  async function outboxPayloads(type: string, nationalNumber: string): Promise<object[]> {
    const rows = await harness.query<{ payload: object }>(
      'SELECT payload FROM outbox_events WHERE event_type = $1 AND message_key = $2 ORDER BY id',
      [type, nationalNumber],
    );

    return rows.map((row) => row.payload);
  }

  function getBinding(nationalNumber: string): request.Test {
    return request(harness.httpServer)
      .get(`/identities/${nationalNumber}/mobile`)
      .set('authorization', harness.operatorAuth);
  }

  function unbind(nationalNumber: string): request.Test {
    return request(harness.httpServer)
      .delete(`/identities/${nationalNumber}/mobile`)
      .set('authorization', harness.operatorAuth);
  }

  it('binds a number after the code', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();
    const requested = await requestCode(harness, nationalNumber, mobileNumber);
    const code = lastCodeSentTo(operator, mobileNumber);
    const confirmed = await confirmCode(harness, nationalNumber, code);
    const current = await getBinding(nationalNumber);

    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ maxAttempts: 5, mobileNumber, nationalNumber });
    expect(Date.parse(requested.body.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect(operator.messagesTo(mobileNumber)).toHaveLength(1);
    expect(operator.messagesTo(mobileNumber)[0]?.reference).toBe(requested.body.challengeId);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ mobileNumber, nationalNumber });
    expect(current.status).toBe(200);
    expect(current.body).toEqual(confirmed.body);
    expect(await auditActions(nationalNumber)).toEqual(['code_requested', 'code_sent', 'bound']);
    expect(await outboxPayloads(MOBILE_BOUND, nationalNumber)).toEqual([
      { boundAt: confirmed.body.boundAt, mobileNumber, nationalNumber },
    ]);

    const [outboxRow] = await harness.query<{ event_id: string }>(
      'SELECT event_id FROM outbox_events WHERE event_type = $1 AND message_key = $2',
      [MOBILE_BOUND, nationalNumber],
    );
    const published = await identityEvents.waitForEvent(outboxRow?.event_id ?? '');

    expect(headerText(published.headers, 'ce_type')).toBe(MOBILE_BOUND);
    expect(published.key?.toString()).toBe(nationalNumber);
    expect(JSON.parse(published.value?.toString() ?? '{}')).toEqual({
      boundAt: confirmed.body.boundAt,
      mobileNumber,
      nationalNumber,
    });
  });

  it('stores no code in the database', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const code = lastCodeSentTo(operator, mobileNumber);
    const stored = JSON.stringify([
      await harness.query('SELECT * FROM mobile_challenges WHERE national_number = $1', [
        nationalNumber,
      ]),
      await harness.query('SELECT * FROM mobile_audit_log WHERE national_number = $1', [
        nationalNumber,
      ]),
      await harness.query('SELECT payload FROM outbox_events'),
    ]);

    expect(stored).not.toContain(code);
    expect(stored).toMatch(/"code_hmac":"[0-9a-f]{64}"/);
  });

  it.each([
    ['0944 123 456', '+963944123456'],
    ['٠٩٤٤١٢٣٤٥٦', '+963944123456'],
    ['00963-933-000-111', '+963933000111'],
    ['+963 988 765 432', '+963988765432'],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeMobileNumber(input)).toBe(expected);
  });

  it('binds a number given in national form', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();
    const nationalForm = `0${mobileNumber.slice(4, 7)} ${mobileNumber.slice(7)}`;
    const requested = await requestCode(harness, nationalNumber, nationalForm);

    expect(requested.status).toBe(202);
    expect(requested.body.mobileNumber).toBe(mobileNumber);
    expect(operator.messagesTo(mobileNumber)).toHaveLength(1);
  });

  it.each([
    ['+963114123456'],
    ['0114123456'],
    ['+96394412345'],
    ['+9639441234567'],
    ['+12025550123'],
    ['mobile'],
    [''],
  ])('rejects number %j with 400', async (mobileNumber) => {
    const nationalNumber = nextPerson();
    const response = await requestCode(harness, nationalNumber, mobileNumber);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'mobileNumber' });
    expect(await auditActions(nationalNumber)).toEqual([]);
    people.push(nationalNumber);
  });

  it('rejects bad body and params with 400', async () => {
    const nationalNumber = nextPerson();
    const unknownField = await request(harness.httpServer)
      .post(`/identities/${nationalNumber}/mobile`)
      .set('authorization', harness.operatorAuth)
      .send({ mobileNumber: freshMobileNumber(), note: 'x' });
    const badNationalNumber = await requestCode(harness, '123', freshMobileNumber());
    const badCode = await confirmCode(harness, nationalNumber, '12a456');
    const shortCode = await confirmCode(harness, nationalNumber, '12345');

    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.field).toBe('note');
    expect(badNationalNumber.status).toBe(400);
    expect(badNationalNumber.body.error.field).toBe('nationalNumber');
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.field).toBe('code');
    expect(shortCode.status).toBe(400);
    people.push(nationalNumber);
  });

  it('requires credentials', async () => {
    const nationalNumber = nextPerson();
    const response = await request(harness.httpServer)
      .post(`/identities/${nationalNumber}/mobile`)
      .send({ mobileNumber: freshMobileNumber() });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('TOKEN_MISSING');
    people.push(nationalNumber);
  });

  it('audits the agency that binds', async () => {
    const agency = await createAgency(harness);
    const agencyAuth = await agencyAuthorization(agency.serviceId, [IdentityScopes.operate]);
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber, agencyAuth).expect(202);
    await confirmCode(
      harness,
      nationalNumber,
      lastCodeSentTo(operator, mobileNumber),
      agencyAuth,
    ).expect(200);

    const actors = await harness.query<{ actor: string }>(
      'SELECT DISTINCT actor FROM mobile_audit_log WHERE national_number = $1',
      [nationalNumber],
    );
    const byAgency = await request(harness.httpServer)
      .get(`/identities/${nationalNumber}/mobile`)
      .set('authorization', agencyAuth);
    const byOperator = await getBinding(nationalNumber);

    expect(actors).toEqual([{ actor: `agency:${agency.serviceId}` }]);
    expect(byAgency.body.mobileNumber).toBe(`+9639****${mobileNumber.slice(-4)}`);
    expect(byOperator.body.mobileNumber).toBe(mobileNumber);
  });

  it('answers wrong code with attempts left', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const code = lastCodeSentTo(operator, mobileNumber);
    const wrong = code === '000000' ? '000001' : '000000';
    const rejected = await confirmCode(harness, nationalNumber, wrong);
    const accepted = await confirmCode(harness, nationalNumber, code);

    expect(rejected.status).toBe(422);
    expect(rejected.body.error).toMatchObject({
      code: 'OTP_INVALID',
      details: { attemptsLeft: 4 },
      field: 'code',
    });
    expect(accepted.status).toBe(200);
    expect(await auditActions(nationalNumber)).toEqual([
      'code_requested',
      'code_sent',
      'code_rejected',
      'bound',
    ]);
  });

  it('accepts code in Arabic-Indic digits', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const code = lastCodeSentTo(operator, mobileNumber);
    const arabic = [...code].map((digit) => String.fromCharCode(0x0660 + Number(digit))).join('');

    await confirmCode(harness, nationalNumber, ` ${arabic} `).expect(200);
  });

  it('blocks the code after five wrong attempts', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const code = lastCodeSentTo(operator, mobileNumber);
    const wrong = code === '999999' ? '999998' : '999999';
    const attemptsLeft: number[] = [];

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await confirmCode(harness, nationalNumber, wrong);

      expect(response.status).toBe(422);
      attemptsLeft.push(response.body.error.details.attemptsLeft);
    }

    const blocked = await confirmCode(harness, nationalNumber, code);
    const [challenge] = await harness.query<{ attempts: number; status: string }>(
      'SELECT attempts, status::text FROM mobile_challenges WHERE national_number = $1',
      [nationalNumber],
    );

    expect(attemptsLeft).toEqual([4, 3, 2, 1, 0]);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('OTP_ATTEMPTS_EXCEEDED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(challenge).toEqual({ attempts: 5, status: 'exhausted' });
    expect((await getBinding(nationalNumber)).status).toBe(404);
    expect((await auditActions(nationalNumber)).slice(-2)).toEqual([
      'code_rejected',
      'code_attempts_exceeded',
    ]);
  });

  it('counts concurrent wrong guesses', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const code = lastCodeSentTo(operator, mobileNumber);
    const wrong = code === '555555' ? '555556' : '555555';
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => confirmCode(harness, nationalNumber, wrong)),
    );
    const statuses = responses.map((response) => response.status).sort();
    const [challenge] = await harness.query<{ attempts: number }>(
      'SELECT attempts FROM mobile_challenges WHERE national_number = $1',
      [nationalNumber],
    );

    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429, 429, 429, 429]);
    expect(challenge?.attempts).toBe(5);
  });

  it('rejects an expired code', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const code = lastCodeSentTo(operator, mobileNumber);
    const later = new Date(Date.now() + settings.oneTimeCodes.ttlSeconds * 1000 + 1_000);

    jest.spyOn(appClock(harness), 'now').mockReturnValue(later);

    const expired = await confirmCode(harness, nationalNumber, code);
    const again = await confirmCode(harness, nationalNumber, code);

    expect(expired.status).toBe(422);
    expect(expired.body.error.code).toBe('OTP_EXPIRED');
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('OTP_EXPIRED');
    expect((await auditActions(nationalNumber)).at(-1)).toBe('code_expired');
  });

  it('accepts a code just before expiry', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();
    const requested = await requestCode(harness, nationalNumber, mobileNumber);
    const justBefore = new Date(Date.parse(requested.body.expiresAt) - 1);

    jest.spyOn(appClock(harness), 'now').mockReturnValue(justBefore);

    await confirmCode(harness, nationalNumber, lastCodeSentTo(operator, mobileNumber)).expect(200);
  });

  it('replaces the pending code on resend', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const first = lastCodeSentTo(operator, mobileNumber);

    await requestCode(harness, nationalNumber, mobileNumber).expect(202);

    const second = lastCodeSentTo(operator, mobileNumber);
    const statuses = await harness.query<{ status: string }>(
      'SELECT status::text FROM mobile_challenges WHERE national_number = $1 ORDER BY created_at',
      [nationalNumber],
    );

    expect(statuses.map((row) => row.status)).toEqual(['superseded', 'pending']);
    if (first !== second) {
      const stale = await confirmCode(harness, nationalNumber, first);

      expect(stale.body.error.code).toBe('OTP_INVALID');
    }
    await confirmCode(harness, nationalNumber, second).expect(200);
  });

  it('answers confirm without a code request', async () => {
    const nationalNumber = nextPerson();
    const response = await confirmCode(harness, nationalNumber, '123456');

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('OTP_NOT_REQUESTED');
    people.push(nationalNumber);
  });

  it('limits code requests per identity', async () => {
    const nationalNumber = nextPerson();
    const statuses: number[] = [];

    for (let request = 1; request <= 5; request += 1) {
      statuses.push((await requestCode(harness, nationalNumber, freshMobileNumber())).status);
    }

    const limited = await requestCode(harness, nationalNumber, freshMobileNumber());

    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'OTP_RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3_500);
    expect(await auditActions(nationalNumber)).toContain('code_request_limited');
  });

  it('limits code requests per number', async () => {
    const mobileNumber = freshMobileNumber();
    const first = nextPerson();
    const second = nextPerson();
    const statuses: number[] = [];

    for (const nationalNumber of [first, first, first, first, second, second, second]) {
      statuses.push((await requestCode(harness, nationalNumber, mobileNumber)).status);
    }

    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429]);
    expect(operator.messagesTo(mobileNumber)).toHaveLength(6);
  });

  it('limits resends by interval', async () => {
    const limiter = harness.running.app.get(CodeRequestLimiter);
    const nationalNumber = nextPerson();
    const withInterval = { ...settings.oneTimeCodes, resendIntervalSeconds: 60 };
    const first = await limiter.take(withInterval, nationalNumber, freshMobileNumber());
    const second = await limiter.take(withInterval, nationalNumber, freshMobileNumber());

    expect(first).toEqual({ allowed: true });
    expect(second).toMatchObject({ allowed: false, limit: 'resend-interval' });
    expect((second as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('refuses a deceased identity', async () => {
    const nationalNumber = nextPerson();

    await harness.waitForHandled(
      await harness.publisher.publish(PersonDied, { dateOfDeath: '2024-01-05', nationalNumber }),
    );

    const response = await requestCode(harness, nationalNumber, freshMobileNumber());

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'IDENTITY_NOT_ACTIVE',
      field: 'nationalNumber',
    });
  });

  it('refuses a merged identity', async () => {
    const [merged, survivor] = [nextPerson(), nextPerson()];

    // Stands in for an operator's merge decision, which sets the status and the survivor.
    await harness.query(
      "UPDATE identities SET status = 'merged', merged_into = $2 WHERE national_number = $1",
      [merged, survivor],
    );

    const response = await requestCode(harness, merged, freshMobileNumber());

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('IDENTITY_NOT_ACTIVE');
    people.push(survivor);
  });

  it('answers 404 for an unknown identity', async () => {
    const unknown = freshNationalNumber();
    const response = await requestCode(harness, unknown, freshMobileNumber());

    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'IDENTITY_NOT_FOUND', value: unknown });
  });

  it('refuses a number already bound to the identity', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await bindNumber(harness, operator, nationalNumber, mobileNumber);

    const response = await requestCode(harness, nationalNumber, mobileNumber);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('MOBILE_ALREADY_BOUND');
  });

  it('shares a number up to the limit', async () => {
    const mobileNumber = freshMobileNumber();
    const [first, second, third] = [nextPerson(), nextPerson(), nextPerson()];

    await bindNumber(harness, operator, first, mobileNumber);
    await bindNumber(harness, operator, second, mobileNumber);

    const rejected = await requestCode(harness, third, mobileNumber);

    expect(rejected.status).toBe(422);
    expect(rejected.body.error).toMatchObject({
      code: 'MOBILE_NUMBER_LIMIT_REACHED',
      field: 'mobileNumber',
      value: mobileNumber,
    });

    await unbind(first).expect(200);
    await bindNumber(harness, operator, third, mobileNumber);
  });

  it('checks the number limit again at confirm', async () => {
    const mobileNumber = freshMobileNumber();
    const [first, second, late] = [nextPerson(), nextPerson(), nextPerson()];

    await requestCode(harness, late, mobileNumber).expect(202);

    const lateCode = lastCodeSentTo(operator, mobileNumber);

    await bindNumber(harness, operator, first, mobileNumber);
    await bindNumber(harness, operator, second, mobileNumber);

    const rejected = await confirmCode(harness, late, lateCode);

    expect(rejected.status).toBe(422);
    expect(rejected.body.error.code).toBe('MOBILE_NUMBER_LIMIT_REACHED');
    expect((await auditActions(late)).at(-1)).toBe('bind_refused');
    expect((await getBinding(late)).status).toBe(404);
  });

  it('gives the last place on a number once', async () => {
    const mobileNumber = freshMobileNumber();
    const [holder, first, second] = [nextPerson(), nextPerson(), nextPerson()];

    await bindNumber(harness, operator, holder, mobileNumber);
    await requestCode(harness, first, mobileNumber).expect(202);

    const firstCode = lastCodeSentTo(operator, mobileNumber);

    await requestCode(harness, second, mobileNumber).expect(202);

    const secondCode = lastCodeSentTo(operator, mobileNumber);
    const responses = await Promise.all([
      confirmCode(harness, first, firstCode),
      confirmCode(harness, second, secondCode),
    ]);
    const [bindings] = await harness.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM mobile_bindings WHERE mobile_number = $1 AND unbound_at IS NULL',
      [mobileNumber],
    );

    expect(responses.map((response) => response.status).sort()).toEqual([200, 422]);
    expect(bindings?.count).toBe(2);
  });

  it('replaces the bound number', async () => {
    const nationalNumber = nextPerson();
    const oldNumber = freshMobileNumber();
    const newNumber = freshMobileNumber();

    await bindNumber(harness, operator, nationalNumber, oldNumber);
    await bindNumber(harness, operator, nationalNumber, newNumber);

    const current = await getBinding(nationalNumber);
    const unbound = await outboxPayloads(MOBILE_UNBOUND, nationalNumber);
    const bound = await outboxPayloads(MOBILE_BOUND, nationalNumber);

    expect(current.body.mobileNumber).toBe(newNumber);
    expect(unbound).toEqual([
      expect.objectContaining({ mobileNumber: oldNumber, nationalNumber, reason: 'replaced' }),
    ]);
    expect(bound.map((payload) => (payload as { mobileNumber: string }).mobileNumber)).toEqual([
      oldNumber,
      newNumber,
    ]);
  });

  it('unbinds on request', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    await bindNumber(harness, operator, nationalNumber, mobileNumber);

    const removed = await unbind(nationalNumber);
    const after = await getBinding(nationalNumber);
    const again = await unbind(nationalNumber);

    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ mobileNumber, nationalNumber });
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe('MOBILE_NOT_BOUND');
    expect(again.status).toBe(404);
    expect(await outboxPayloads(MOBILE_UNBOUND, nationalNumber)).toEqual([
      { mobileNumber, nationalNumber, reason: 'holder-request', unboundAt: removed.body.unboundAt },
    ]);
    expect((await auditActions(nationalNumber)).at(-1)).toBe('unbound');
  });

  it('answers 503 when the operator is down', async () => {
    const nationalNumber = nextPerson();
    const mobileNumber = freshMobileNumber();

    operator.fail({ status: 503 });

    const response = await requestCode(harness, nationalNumber, mobileNumber);
    const [challenge] = await harness.query<{ status: string }>(
      'SELECT status::text FROM mobile_challenges WHERE national_number = $1',
      [nationalNumber],
    );

    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('SMS_DELIVERY_FAILED');
    expect(challenge?.status).toBe('send_failed');
    expect(await auditActions(nationalNumber)).toEqual(['code_requested', 'code_send_failed']);

    operator.recover();
    await requestCode(harness, nationalNumber, mobileNumber).expect(202);
  });

  it('answers 422 when the operator rejects the number', async () => {
    const nationalNumber = nextPerson();

    operator.fail({ status: 400 });

    const response = await requestCode(harness, nationalNumber, freshMobileNumber());

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('MOBILE_NUMBER_REJECTED');
    expect(response.body.error.message).toContain('HTTP 400');
    expect(response.body.error.message).not.toContain('simulated failure');
  });

  it('keeps the audit log append-only', async () => {
    await expect(harness.query('UPDATE mobile_audit_log SET actor = $1', ['x'])).rejects.toThrow(
      /append-only/,
    );
    await expect(harness.query('DELETE FROM mobile_audit_log')).rejects.toThrow(/append-only/);
  });
});
