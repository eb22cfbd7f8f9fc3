import { setTimeout as sleep } from 'node:timers/promises';

import type { TokenSource } from '@bitaqa/auth';
import type { FakeSmsOperator } from '@bitaqa/testing';

import { expectStatus } from './http-json';
import { AGENCY_PURPOSE, type OnboardedService } from './onboarding';

export interface IdentityStepInput {
  birthDate: string;
  familyNameAr: string;
  /** Given name before the court's correction, which a verification must now reject. */
  formerGivenNameAr: string;
  givenNameAr: string;
  motherNameAr: string;
  nationalNumber: string;
}

export interface IdentityStepResult {
  bound: { boundAt: string; mobileNumber: string };
  /** Count of open duplicate cases, with `more` set when the page limit stopped the count. */
  duplicates: { more: boolean; open: number };
  lookups: { kind: string; outcome: string; serviceId: string | null }[];
  notice: { attempts: number; delivered: boolean; status: string };
  released: Record<string, unknown>;
  searchHits: number;
  searchFoundPerson: boolean;
  verification: { current: boolean; former: { match: boolean; mismatched: string[] } };
}

async function poll<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;

  for (;;) {
    const value = await read();

    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after 30 s waiting for ${what}`);
    await sleep(200);
  }
}

/** Waits until the registry's search finds the person under the corrected name. */
async function searchCorrected(
  url: string,
  operator: TokenSource,
  person: IdentityStepInput,
): Promise<{ hits: number; found: boolean }> {
  const query = new URLSearchParams({
    birthYear: person.birthDate.slice(0, 4),
    limit: '100',
    motherName: person.motherNameAr,
    name: `${person.givenNameAr} ${person.familyNameAr}`,
  });

  return poll('the corrected name reaching the identity registry', async () => {
    const page = await expectStatus<{ items: { nationalNumber: string }[] }>(
      200,
      'GET',
      `${url}/search/identities?${query.toString()}`,
      { auth: operator },
    );
    const found = page.items.some((item) => item.nationalNumber === person.nationalNumber);

    return found ? { found, hits: page.items.length } : undefined;
  });
}

async function verify(
  url: string,
  agency: TokenSource,
  person: IdentityStepInput,
  givenNameAr: string,
): Promise<{ match: boolean; mismatched: string[] }> {
  return expectStatus(200, 'POST', `${url}/verifications`, {
    body: {
      birthDate: person.birthDate,
      givenNameAr,
      nationalNumber: person.nationalNumber,
      purpose: AGENCY_PURPOSE,
      reference: `FLOW-${person.nationalNumber}`,
    },
    auth: agency,
  });
}

/** Binds a mobile number, as the registry's operator, with the code the SMS operator received. */
async function bindMobile(
  url: string,
  operator: TokenSource,
  sms: FakeSmsOperator,
  nationalNumber: string,
): Promise<{ boundAt: string; mobileNumber: string }> {
  const mobileNumber = `+9639${nationalNumber.slice(-8)}`;
  const mobileUrl = `${url}/identities/${nationalNumber}/mobile`;
  const sent = sms.messagesTo(mobileNumber).length;

  await expectStatus(202, 'POST', mobileUrl, { auth: operator, body: { mobileNumber } });

  const code = await poll('the one-time code SMS', async () => {
    const message = sms.messagesTo(mobileNumber)[sent];

    return message ? /\b\d{6}\b/.exec(message.text)?.[0] : undefined;
  });

  return expectStatus(200, 'POST', `${mobileUrl}/confirm`, { auth: operator, body: { code } });
}

async function sendNotice(
  url: string,
  notices: TokenSource,
  sms: FakeSmsOperator,
  nationalNumber: string,
): Promise<IdentityStepResult['notice']> {
  const queued = await expectStatus<{ notificationId: string }>(
    202,
    'POST',
    `${url}/notifications/sms`,
    {
      auth: notices,
      body: {
        message: 'تم فتح حسابكم في المصرف. Your account is open.',
        nationalNumber,
        purpose: AGENCY_PURPOSE,
        reference: `FLOW-NOTICE-${nationalNumber}`,
      },
    },
  );
  const settled = await poll('the SMS notice being sent', async () => {
    const notice = await expectStatus<{ attempts: number; status: string }>(
      200,
      'GET',
      `${url}/notifications/${queued.notificationId}`,
      { auth: notices },
    );

    return notice.status === 'queued' ? undefined : notice;
  });

  return {
    attempts: settled.attempts,
    delivered: sms.messages.some((message) => message.reference === queued.notificationId),
    status: settled.status,
  };
}

async function countOpenDuplicates(
  url: string,
  operator: TokenSource,
): Promise<IdentityStepResult['duplicates']> {
  let open = 0;
  let offset: number | null = 0;

  // Ten pages of 100 show the size of the review queue without reading all of a large one.
  for (let page = 0; page < 10 && offset !== null; page += 1) {
    const answer: { items: unknown[]; nextOffset: number | null } = await expectStatus(
      200,
      'GET',
      `${url}/duplicates?status=open&limit=100&offset=${offset}`,
      { auth: operator },
    );

    open += answer.items.length;
    offset = answer.nextOffset;
  }

  return { more: offset !== null, open };
}

/**
 * Runs the identity registry's agency and operator features on one person. The onboarded
 * service verifies and receives attributes with its own tokens, and the operator lists the
 * lookups and searches by the corrected name. Then the operator binds a mobile number with the
 * code sent by SMS, and the service sends a notice to it.
 */
export async function runIdentityStep(
  url: string,
  operator: TokenSource,
  agency: OnboardedService,
  sms: FakeSmsOperator,
  person: IdentityStepInput,
): Promise<IdentityStepResult> {
  const search = await searchCorrected(url, operator, person);
  const current = await verify(url, agency.tokens, person, person.givenNameAr);
  const former = await verify(url, agency.tokens, person, person.formerGivenNameAr);
  const released = await expectStatus<{ attributes: Record<string, unknown> }>(
    200,
    'POST',
    `${url}/releases`,
    {
      auth: agency.tokens,
      body: {
        attributes: ['givenNameLatin', 'familyNameLatin', 'birthDate'],
        nationalNumber: person.nationalNumber,
        purpose: AGENCY_PURPOSE,
      },
    },
  );
  const lookups = await expectStatus<{
    items: { caller: { serviceId?: string | null }; kind: string; outcome: string }[];
  }>(200, 'GET', `${url}/identities/${person.nationalNumber}/lookups?limit=100`, {
    auth: operator,
  });

  return {
    bound: await bindMobile(url, operator, sms, person.nationalNumber),
    duplicates: await countOpenDuplicates(url, operator),
    lookups: lookups.items.map((item) => ({
      kind: item.kind,
      outcome: item.outcome,
      serviceId: item.caller.serviceId ?? null,
    })),
    notice: await sendNotice(url, agency.notices, sms, person.nationalNumber),
    released: released.attributes,
    searchFoundPerson: search.found,
    searchHits: search.hits,
    verification: { current: current.match, former },
  };
}
