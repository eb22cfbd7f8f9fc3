import request from 'supertest';

import { testAuthorization, waitFor, type FakeSmsOperator } from '@bitaqa/testing';

import { IdentityScopes, TOKEN_AUDIENCE } from '../src/auth/scopes';

import { createAgency, type TestAgency } from './support/agency-setup';
import { freshNationalNumber } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';
import {
  bindNumber,
  freshMobileNumber,
  registerPersons,
  requestCode,
  startFakeOperator,
  testSmsSettings,
} from './support/sms-setup';

/** A policy that lets an agency send fuel-turn notices and release no attribute. */
const NOTICE_POLICY = { attributes: [], purposes: ['fuel-turn'] };

const TURN_NOTICE = 'دورك لاستلام أسطوانة الغاز يوم 2026-12-07 بين 09:00 و 11:00 لدى موزع الميدان.';

describe('SMS notifications', () => {
  const harness = new RegistryHarness('notify');
  let operator: FakeSmsOperator;
  let fuel: TestAgency;
  let bank: TestAgency;
  let bound: Array<{ mobileNumber: string; nationalNumber: string }> = [];
  let unbound: string;
  let nextReference = 0;

  beforeAll(async () => {
    operator = await startFakeOperator();
    await harness.start({ sms: testSmsSettings(operator) });

    const people = await registerPersons(harness, 12);

    unbound = people.pop() ?? '';
    bound = people.map((nationalNumber) => ({ mobileNumber: freshMobileNumber(), nationalNumber }));
    for (const person of bound) {
      await bindNumber(harness, operator, person.nationalNumber, person.mobileNumber);
    }
    fuel = await createAgency(harness, NOTICE_POLICY, 'Ministry of Oil');
    bank = await createAgency(harness, NOTICE_POLICY, 'Commercial Bank of Syria');
  });

  afterEach(() => operator.recover());

  afterAll(async () => {
    await harness.stop();
    await operator?.stop();
  });

  function nextBound(): { mobileNumber: string; nationalNumber: string } {
    const person = bound.pop();

    if (person === undefined) throw new Error('the suite bound too few numbers');

    return person;
  }

  function freshReference(): string {
    nextReference += 1;

    return `turn-${process.pid}-${nextReference}`;
  }

  function notify(body: object, agency = fuel): request.Test {
    return request(harness.httpServer)
      .post('/notifications/sms')
      .set('authorization', agency.auth)
      .send(body);
  }

  function status(notificationId: string, auth = fuel.auth): request.Test {
    return request(harness.httpServer)
      .get(`/notifications/${notificationId}`)
      .set('authorization', auth);
  }

  async function waitForStatus(
    notificationId: string,
    expected: string,
  ): Promise<Record<string, unknown>> {
    return waitFor(`notification ${notificationId} ${expected}`, async () => {
      const response = await status(notificationId);

      return response.body.status === expected ? response.body : undefined;
    });
  }

  async function noticeCount(): Promise<number> {
    const [row] = await harness.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM sms_notifications',
    );

    return row?.count ?? -1;
  }

  it('queues and sends a notice', async () => {
    const person = nextBound();
    const reference = freshReference();
    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference,
    });
    const sent = await waitForStatus(queued.body.notificationId, 'sent');

    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ notificationId: expect.any(String), status: 'queued' });
    expect(sent).toMatchObject({
      attempts: 1,
      failure: null,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference,
    });
    expect(operator.messagesTo(person.mobileNumber).at(-1)).toMatchObject({
      reference: queued.body.notificationId,
      text: TURN_NOTICE,
    });
  });

  it('answers 422 for an identity without a number', async () => {
    const before = await noticeCount();
    const response = await notify({
      message: TURN_NOTICE,
      nationalNumber: unbound,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'MOBILE_NOT_BOUND',
      field: 'nationalNumber',
      value: unbound,
    });
    expect(await noticeCount()).toBe(before);
  });

  it('answers 404 for an unknown identity', async () => {
    const response = await notify({
      message: TURN_NOTICE,
      nationalNumber: freshNationalNumber(),
      purpose: 'fuel-turn',
      reference: freshReference(),
    });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('IDENTITY_NOT_FOUND');
  });

  it('sends a repeated reference once', async () => {
    const person = nextBound();
    const body = {
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    };
    const sentBefore = operator.messagesTo(person.mobileNumber).length;
    const [first, second] = await Promise.all([notify(body), notify(body)]);
    const third = await notify(body);

    await waitForStatus(first.body.notificationId, 'sent');

    const replay = await notify(body);
    const rows = await harness.query('SELECT id FROM sms_notifications WHERE reference = $1', [
      body.reference,
    ]);

    expect([first.status, second.status, third.status, replay.status]).toEqual([
      202, 202, 202, 202,
    ]);
    expect(second.body.notificationId).toBe(first.body.notificationId);
    expect(third.body.notificationId).toBe(first.body.notificationId);
    expect(replay.body).toEqual({ notificationId: first.body.notificationId, status: 'sent' });
    expect(rows).toHaveLength(1);
    expect(operator.messagesTo(person.mobileNumber)).toHaveLength(sentBefore + 1);
  });

  it('rejects a reused reference with other content', async () => {
    const person = nextBound();
    const reference = freshReference();
    const body = {
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference,
    };

    await notify(body).expect(202);

    const changed = await notify({ ...body, message: 'نص آخر' });

    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({ code: 'REFERENCE_REUSED', field: 'message' });
    bound.push(person);
  });

  it('keeps references apart per caller', async () => {
    const person = nextBound();
    const body = {
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    };
    const fromFuel = await notify(body, fuel);
    const fromBank = await notify(body, bank);

    expect(fromFuel.status).toBe(202);
    expect(fromBank.status).toBe(202);
    expect(fromBank.body.notificationId).not.toBe(fromFuel.body.notificationId);
    bound.push(person);
  });

  it('delivers once after an operator outage', async () => {
    const person = nextBound();
    const sentBefore = operator.messagesTo(person.mobileNumber).length;

    operator.fail({ status: 503 });

    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });
    const waiting = await waitFor('two failed rounds', async () => {
      const response = await status(queued.body.notificationId);

      return response.body.attempts >= 2 ? response.body : undefined;
    });

    expect(waiting).toMatchObject({ failure: null, status: 'queued' });
    expect(waiting.lastError).toMatch(/^SMS_OPERATOR_UNAVAILABLE/);
    expect(operator.messagesTo(person.mobileNumber)).toHaveLength(sentBefore);

    operator.recover();

    const sent = await waitForStatus(queued.body.notificationId, 'sent');

    expect(sent.lastError).toBeNull();
    expect(
      operator.messages.filter((message) => message.reference === queued.body.notificationId),
    ).toHaveLength(1);
  });

  it('sends once when the response was lost', async () => {
    const person = nextBound();
    const requestsBefore = operator.sendRequests;

    operator.fail({ acceptFirst: true, count: 1, status: 500 });

    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });

    await waitForStatus(queued.body.notificationId, 'sent');

    expect(operator.sendRequests - requestsBefore).toBe(2);
    expect(
      operator.messages.filter((message) => message.reference === queued.body.notificationId),
    ).toHaveLength(1);
  });

  it('fails a notice the operator rejects', async () => {
    const person = nextBound();

    operator.fail({ status: 400 });

    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });
    const failed = await waitForStatus(queued.body.notificationId, 'failed');

    expect(failed.attempts).toBe(1);
    expect(failed.failure).toMatchObject({ code: 'SMS_REJECTED' });
    bound.push(person);
  });

  it('fails a notice unbound before sending', async () => {
    const person = nextBound();
    const sentBefore = operator.messagesTo(person.mobileNumber).length;

    operator.fail({ status: 503 });

    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });

    await request(harness.httpServer)
      .delete(`/identities/${person.nationalNumber}/mobile`)
      .set('authorization', harness.operatorAuth)
      .expect(200);

    // The operator keeps failing, so no round sends; the first round after the unbinding fails it.
    const failed = await waitForStatus(queued.body.notificationId, 'failed');

    expect(failed.failure).toMatchObject({ code: 'MOBILE_NOT_BOUND' });
    expect(operator.messagesTo(person.mobileNumber)).toHaveLength(sentBefore);
  });

  it('fails a notice past its maximum age', async () => {
    const person = nextBound();

    operator.fail({ status: 503 });

    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });

    await harness.query(
      "UPDATE sms_notifications SET created_at = now() - interval '2 days' WHERE id = $1",
      [queued.body.notificationId],
    );

    const failed = await waitForStatus(queued.body.notificationId, 'failed');

    expect(failed.failure).toMatchObject({ code: 'SMS_UNDELIVERED' });
    expect((failed.failure as { reason: string }).reason).toContain('SMS_OPERATOR_UNAVAILABLE');
    bound.push(person);
  });

  it('shows a notice only to its caller and operators', async () => {
    const person = nextBound();
    const queued = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });
    const byBank = await status(queued.body.notificationId, bank.auth);
    const byOperator = await status(queued.body.notificationId, harness.operatorAuth);
    const unknown = await status('8c0a3e1e-5d55-4f5c-9d7e-3f1d0f7a2b11');
    const malformed = await status('not-a-uuid');

    expect(byBank.status).toBe(404);
    expect(byBank.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect(byOperator.status).toBe(200);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    bound.push(person);
  });

  it.each([
    [{ message: '' }, 'message'],
    [{ message: '   ' }, 'message'],
    [{ message: 'x'.repeat(481) }, 'message'],
    [{ message: 'line\u0007bell' }, 'message'],
    [{ purpose: 'Fuel Turn' }, 'purpose'],
    [{ reference: '' }, 'reference'],
    [{ reference: 'has space' }, 'reference'],
    [{ nationalNumber: '123' }, 'nationalNumber'],
    [{ extra: true }, 'extra'],
  ])('rejects %j at %s', async (change, field) => {
    const before = await noticeCount();
    const response = await notify({
      message: TURN_NOTICE,
      nationalNumber: unbound,
      purpose: 'fuel-turn',
      reference: freshReference(),
      ...change,
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect(await noticeCount()).toBe(before);
  });

  it('accepts a 480-character message', async () => {
    const person = nextBound();
    const response = await notify({
      message: 'ب'.repeat(480),
      nationalNumber: person.nationalNumber,
      purpose: 'fuel-turn',
      reference: freshReference(),
    });

    expect(response.status).toBe(202);
    bound.push(person);
  });

  it('requires an approved policy', async () => {
    const person = nextBound();
    const unapproved = await createAgency(harness, undefined, 'Unapproved Agency');
    const before = await noticeCount();
    const response = await notify(
      {
        message: TURN_NOTICE,
        nationalNumber: person.nationalNumber,
        purpose: 'fuel-turn',
        reference: freshReference(),
      },
      unapproved,
    );

    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'POLICY_NOT_APPROVED', field: 'purpose' });
    expect(await noticeCount()).toBe(before);
  });

  it('requires a purpose the policy lists', async () => {
    const person = nextBound();
    const before = await noticeCount();
    const response = await notify({
      message: TURN_NOTICE,
      nationalNumber: person.nationalNumber,
      purpose: 'marketing',
      reference: freshReference(),
    });

    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: 'PURPOSE_NOT_PERMITTED',
      field: 'purpose',
      value: 'marketing',
    });
    expect(response.body.error.hint).toContain('fuel-turn');
    expect(await noticeCount()).toBe(before);
    expect(operator.messagesTo(person.mobileNumber)).toHaveLength(1);
  });

  it('requires agency credentials', async () => {
    const anonymous = await request(harness.httpServer).post('/notifications/sms').send({});
    const byOperator = await request(harness.httpServer)
      .post('/notifications/sms')
      .set('authorization', harness.operatorAuth)
      .send({});

    expect(anonymous.status).toBe(401);
    expect(byOperator.status).toBe(403);
    expect(byOperator.body.error.code).toBe('CALLER_NOT_PERMITTED');
  });

  it('accepts app token under its svc', async () => {
    const person = nextBound();
    const fuelApp = await testAuthorization({
      audience: TOKEN_AUDIENCE,
      kind: 'app',
      scopes: [IdentityScopes.notify],
      serviceId: fuel.serviceId,
      subject: 'fuel-allocation',
    });
    const response = await notify(
      {
        message: TURN_NOTICE,
        nationalNumber: person.nationalNumber,
        purpose: 'fuel-turn',
        reference: freshReference(),
      },
      { auth: fuelApp, serviceId: fuel.serviceId },
    );
    const [row] = await harness.query<{ caller_id: string }>(
      'SELECT caller_id FROM sms_notifications WHERE id = $1',
      [response.body.notificationId],
    );
    const byAgency = await status(response.body.notificationId);

    expect(response.status).toBe(202);
    expect(row?.caller_id).toBe(fuel.serviceId);
    expect(byAgency.status).toBe(200);
  });

  it('rejects app token without svc', async () => {
    const fuelApp = await testAuthorization({
      audience: TOKEN_AUDIENCE,
      kind: 'app',
      scopes: [IdentityScopes.notify],
      subject: 'fuel-allocation',
    });
    const before = await noticeCount();
    const response = await notify(
      {
        message: TURN_NOTICE,
        nationalNumber: freshNationalNumber(),
        purpose: 'fuel-turn',
        reference: freshReference(),
      },
      { auth: fuelApp, serviceId: 'none' },
    );

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('SERVICE_CLAIM_MISSING');
    expect(await noticeCount()).toBe(before);
  });
});

describe('SMS features without an operator', () => {
  const harness = new RegistryHarness('no-sms');

  beforeAll(() => harness.start());

  afterAll(() => harness.stop());

  it('answers 503 SMS_NOT_CONFIGURED', async () => {
    const [nationalNumber = ''] = await registerPersons(harness, 1);
    const agency = await createAgency(harness);
    const code = await requestCode(harness, nationalNumber, freshMobileNumber());
    const notice = await request(harness.httpServer)
      .post('/notifications/sms')
      .set('authorization', agency.auth)
      .send({ message: 'x', nationalNumber, purpose: 'fuel-turn', reference: 'r-1' });

    expect(code.status).toBe(503);
    expect(code.body.error.code).toBe('SMS_NOT_CONFIGURED');
    expect(notice.status).toBe(503);
    expect(notice.body.error.code).toBe('SMS_NOT_CONFIGURED');
  });
});
