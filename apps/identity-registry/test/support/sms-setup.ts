import { randomBytes } from 'node:crypto';

import request from 'supertest';

import { PersonRegistered } from '@bitaqa/contracts';
import { FakeSmsOperator } from '@bitaqa/testing';

import { Clock } from '../../src/mobile/clock';
import { type SmsSettings, smsEnvironment, smsSettingsFrom } from '../../src/sms/sms-settings';

import { personData } from './civil-builders';
import type { RegistryHarness } from './registry-harness';

/**
 * SMS settings for tests, pointing at `operator`: short retry waits, no resend interval, and
 * `overrides` in environment-variable form, parsed exactly as the app parses its environment.
 */
export function testSmsSettings(
  operator: FakeSmsOperator,
  overrides: Record<string, string> = {},
): SmsSettings {
  const settings = smsSettingsFrom(
    smsEnvironment.parse({
      NOTIFICATION_POLL_INTERVAL_MS: '100',
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_RETRY_MAX_MS: '400',
      OTP_HMAC_KEY: randomBytes(32).toString('hex'),
      OTP_RESEND_INTERVAL_SECONDS: '0',
      SMS_GATEWAY_RETRY_BASE_MS: '20',
      SMS_GATEWAY_TIMEOUT_MS: '1000',
      SMS_GATEWAY_TOKEN: operator.token,
      SMS_GATEWAY_URL: operator.url,
      ...overrides,
    }),
  );

  if (settings === undefined) throw new Error('SMS_GATEWAY_URL is missing from test settings');

  return settings;
}

/** Starts a fake operator with a random token. */
export async function startFakeOperator(): Promise<FakeSmsOperator> {
  const operator = new FakeSmsOperator(`sms-token-${randomBytes(8).toString('hex')}`);

  await operator.start();

  return operator;
}

/** Registers persons through civil events and returns their national numbers. */
export async function registerPersons(harness: RegistryHarness, count: number): Promise<string[]> {
  const persons = Array.from({ length: count }, () => personData());
  const events = [];

  for (const person of persons) {
    events.push(await harness.publisher.publish(PersonRegistered, person));
  }
  await harness.waitForHandled(...events);

  return persons.map((person) => person.nationalNumber);
}

/** Returns a Syrian mobile number in E.164 form that no other test in this run uses. */
export function freshMobileNumber(): string {
  return `+9639${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Returns the code in the last SMS the operator received for `mobileNumber`. */
export function lastCodeSentTo(operator: FakeSmsOperator, mobileNumber: string): string {
  const text = operator.messagesTo(mobileNumber).at(-1)?.text ?? '';
  const code = /\d{6}/.exec(text)?.[0];

  if (code === undefined) throw new Error(`no code was sent to ${mobileNumber}`);

  return code;
}

export function requestCode(
  harness: RegistryHarness,
  nationalNumber: string,
  mobileNumber: string,
  auth = harness.operatorAuth,
): request.Test {
  return request(harness.httpServer)
    .post(`/identities/${nationalNumber}/mobile`)
    .set('authorization', auth)
    .send({ mobileNumber });
}

export function confirmCode(
  harness: RegistryHarness,
  nationalNumber: string,
  code: string,
  auth = harness.operatorAuth,
): request.Test {
  return request(harness.httpServer)
    .post(`/identities/${nationalNumber}/mobile/confirm`)
    .set('authorization', auth)
    .send({ code });
}

/** Binds a number through the code flow and fails the test when any step does not succeed. */
export async function bindNumber(
  harness: RegistryHarness,
  operator: FakeSmsOperator,
  nationalNumber: string,
  mobileNumber: string,
): Promise<void> {
  const requested = await requestCode(harness, nationalNumber, mobileNumber);

  if (requested.status !== 202) throw new Error(`code request failed: ${requested.text}`);

  const confirmed = await confirmCode(
    harness,
    nationalNumber,
    lastCodeSentTo(operator, mobileNumber),
  );

  if (confirmed.status !== 200) throw new Error(`confirmation failed: ${confirmed.text}`);
}

/** Returns the clock the running app reads. Tests replace its `now` to move time. */
export function appClock(harness: RegistryHarness): Clock {
  return harness.running.app.get(Clock);
}
