import type { TokenSource } from '@bitaqa/auth';
import { createLogger } from '@bitaqa/observability';
import { testTokenSource, waitFor, type FakeSmsOperator } from '@bitaqa/testing';

// This suite starts the real identity registry with its own test harness, because the notice
// call crosses the two apps. Production code reaches the registry over HTTP only.
/* eslint-disable @nx/enforce-module-boundaries */
import { createAgency } from '../../identity-registry/test/support/agency-setup';
import { freshNationalNumber } from '../../identity-registry/test/support/civil-builders';
import { RegistryHarness } from '../../identity-registry/test/support/registry-harness';
import {
  bindNumber,
  freshMobileNumber,
  registerPersons,
  startFakeOperator,
  testSmsSettings,
} from '../../identity-registry/test/support/sms-setup';
/* eslint-enable @nx/enforce-module-boundaries */
import { loadConfig } from '../src/config';
import { IdentityRegistryClient, type SmsRequest } from '../src/turns/identity-registry.client';

const NOTICE = 'دورك لاستلام أسطوانة الغاز يوم 2026-11-16 بين 08:00 و 10:00.';

describe('turn notices at the real identity registry', () => {
  const harness = new RegistryHarness('fuel_notices');
  let operator: FakeSmsOperator;
  let serviceId: string;
  let person: { mobileNumber: string; nationalNumber: string };
  let unbound: string;
  let registryUrl: string;
  let nextReference = 0;

  beforeAll(async () => {
    operator = await startFakeOperator();
    await harness.start({ sms: testSmsSettings(operator) });

    const [bound, other] = await registerPersons(harness, 2);

    person = { mobileNumber: freshMobileNumber(), nationalNumber: bound! };
    unbound = other!;
    await bindNumber(harness, operator, person.nationalNumber, person.mobileNumber);
    ({ serviceId } = await createAgency(
      harness,
      { attributes: [], purposes: ['fuel-turn'] },
      'Ministry of Oil',
    ));

    const address = harness.httpServer.address();

    if (address === null || typeof address === 'string') throw new Error('registry not listening');
    registryUrl = `http://127.0.0.1:${address.port}`;
  }, 180_000);

  afterAll(async () => {
    await harness.stop();
    await operator?.stop();
  });

  function client(tokens: TokenSource | null): IdentityRegistryClient {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/unused',
      IDENTITY_REGISTRY_URL: registryUrl,
      KAFKA_BROKERS: '127.0.0.1:19092',
    });

    return new IdentityRegistryClient(config, createLogger('fuel-allocation', 'silent'), tokens);
  }

  function fuelTokens(overrides: { scopes?: string[]; serviceId?: string } = {}) {
    return testTokenSource({
      audience: 'identity-registry',
      kind: 'app',
      scopes: overrides.scopes ?? ['identity:notify'],
      serviceId: overrides.serviceId ?? serviceId,
      subject: 'fuel-allocation',
    });
  }

  function notice(nationalNumber = person.nationalNumber): SmsRequest {
    nextReference += 1;

    return {
      message: NOTICE,
      nationalNumber,
      purpose: 'fuel-turn',
      reference: `turn-${process.pid}-${nextReference}`,
    };
  }

  it('app token queues and sends', async () => {
    const sms = client(await fuelTokens());
    const request = notice();
    const queued = await sms.sendSms(request);
    const again = await sms.sendSms(request);

    expect(queued).toEqual({ kind: 'queued', notificationId: expect.any(String) });
    expect(again).toEqual(queued);
    await waitFor('the SMS at the operator', async () =>
      operator.messagesTo(person.mobileNumber).some((message) => message.text === NOTICE)
        ? true
        : undefined,
    );
  });

  it('unbound identity rejected', async () => {
    const outcome = await client(await fuelTokens()).sendSms(notice(unbound));

    expect(outcome).toMatchObject({ code: 'MOBILE_NOT_BOUND', kind: 'rejected' });
  });

  it('unknown identity rejected', async () => {
    const outcome = await client(await fuelTokens()).sendSms(notice(freshNationalNumber()));

    expect(outcome.kind).toBe('rejected');
  });

  it.each([
    ['no token', null, 'TOKEN_MISSING'],
    ['token without identity:notify', { scopes: ['identity:verify'] }, 'SCOPE_MISSING'],
    ['token of an unknown agency', { serviceId: 'no-such-agency' }, 'AGENCY_UNKNOWN'],
  ])('%s retried later', async (_label, overrides, code) => {
    const tokens = overrides === null ? null : await fuelTokens(overrides);
    const outcome = await client(tokens).sendSms(notice());

    expect(outcome).toMatchObject({ code, kind: 'unavailable' });
  });
});
