import { makeNationalNumber } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import { cardNumberFromSerial } from '../src/cards/card-number';

import { headIdentity } from './support/builders';
import { Harness } from './support/harness';

interface BadRequestCase {
  body?: unknown;
  code: string;
  field?: string;
  method: 'GET' | 'POST';
  name: string;
  path: string;
  status: number;
  value?: unknown;
}

describe('HTTP input validation', () => {
  let harness: Harness;
  let cardNumber: string;

  beforeAll(async () => {
    harness = await Harness.start('http-validation');

    const card = await harness.prisma.$transaction((tx) =>
      harness.lifecycle.createCard(
        tx,
        { familyId: null, nationalNumber: headIdentity().nationalNumber },
        'created by test',
      ),
    );

    cardNumber = card.cardNumber;
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Row counts and the card's status, to show that a rejected request changed nothing. */
  async function snapshot(): Promise<unknown> {
    const card = await harness.prisma.card.findUnique({ where: { cardNumber } });

    return {
      cardEvents: await harness.prisma.cardEvent.count(),
      cards: await harness.prisma.card.count(),
      outbox: await harness.prisma.outboxEvent.count(),
      status: card?.status,
      version: card?.statusVersion,
    };
  }

  const badLuhn = '9760000000000010';
  const unknownCard = cardNumberFromSerial(99_999_999_999n);
  const badNationalNumber = makeNationalNumber(3, 1234).slice(0, 10) + '0';

  const cases = (): BadRequestCase[] => [
    {
      code: 'VALIDATION_FAILED',
      field: 'cardNumber',
      method: 'GET',
      name: 'short card number',
      path: '/cards/97600',
      status: 400,
      value: '97600',
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'cardNumber',
      method: 'GET',
      name: 'card number check digit',
      path: `/cards/${badLuhn}`,
      status: 400,
      value: badLuhn,
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'cardNumber',
      method: 'GET',
      name: 'foreign issuer prefix',
      path: '/cards/4111111111111111',
      status: 400,
      value: '4111111111111111',
    },
    {
      code: 'CARD_NOT_FOUND',
      field: 'cardNumber',
      method: 'GET',
      name: 'unknown card',
      path: `/cards/${unknownCard}`,
      status: 404,
      value: unknownCard,
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'nationalNumber',
      method: 'GET',
      name: 'missing national number',
      path: '/cards',
      status: 400,
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'nationalNumber',
      method: 'GET',
      name: 'national number check digit',
      path: `/cards?nationalNumber=${badNationalNumber}`,
      status: 400,
      value: badNationalNumber,
    },
    {
      body: '{"to": "suspended", "reason": ',
      code: 'MALFORMED_JSON',
      method: 'POST',
      name: 'malformed JSON',
      path: `/cards/${cardNumber}/transitions`,
      status: 400,
    },
    {
      body: { to: 'suspended' },
      code: 'VALIDATION_FAILED',
      field: 'reason',
      method: 'POST',
      name: 'missing reason',
      path: `/cards/${cardNumber}/transitions`,
      status: 400,
    },
    {
      body: { reason: 'officer review' },
      code: 'VALIDATION_FAILED',
      field: 'to',
      method: 'POST',
      name: 'missing target',
      path: `/cards/${cardNumber}/transitions`,
      status: 400,
    },
    {
      body: { reason: 'officer review', to: 'issued' },
      code: 'VALIDATION_FAILED',
      field: 'to',
      method: 'POST',
      name: 'system-only target',
      path: `/cards/${cardNumber}/transitions`,
      status: 400,
      value: 'issued',
    },
    {
      body: { reason: 'x'.repeat(201), to: 'suspended' },
      code: 'VALIDATION_FAILED',
      field: 'reason',
      method: 'POST',
      name: 'reason too long',
      path: `/cards/${cardNumber}/transitions`,
      status: 400,
    },
    {
      body: { reason: 'officer review', to: 'suspended' },
      code: 'VALIDATION_FAILED',
      field: 'cardNumber',
      method: 'POST',
      name: 'transition on bad card number',
      path: `/cards/${badLuhn}/transitions`,
      status: 400,
      value: badLuhn,
    },
    {
      body: { reason: 'officer review', to: 'suspended' },
      code: 'CARD_NOT_FOUND',
      field: 'cardNumber',
      method: 'POST',
      name: 'transition on unknown card',
      path: `/cards/${unknownCard}/transitions`,
      status: 404,
      value: unknownCard,
    },
    {
      body: { reason: 'officer review', to: 'suspended' },
      code: 'ILLEGAL_CARD_TRANSITION',
      field: 'to',
      method: 'POST',
      name: 'suspension before issue',
      path: `/cards/${cardNumber}/transitions`,
      status: 422,
      value: 'suspended',
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'limit',
      method: 'GET',
      name: 'hotlist limit zero',
      path: '/hotlist?limit=0',
      status: 400,
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'limit',
      method: 'GET',
      name: 'hotlist limit not a number',
      path: '/hotlist?limit=many',
      status: 400,
    },
    {
      code: 'VALIDATION_FAILED',
      field: 'after',
      method: 'GET',
      name: 'hotlist cursor check digit',
      path: `/hotlist?after=${badLuhn}`,
      status: 400,
      value: badLuhn,
    },
  ];

  it('rejects each bad request with a code and changes nothing', async () => {
    const before = await snapshot();

    for (const badRequest of cases()) {
      const response = await harness.http<ErrorBody>(
        badRequest.method,
        badRequest.path,
        badRequest.body,
      );

      expect([badRequest.name, response.status]).toEqual([badRequest.name, badRequest.status]);
      expect([badRequest.name, response.body.error.code]).toEqual([
        badRequest.name,
        badRequest.code,
      ]);
      expect(response.body.error.message).toEqual(expect.any(String));
      if (badRequest.field !== undefined) {
        expect([badRequest.name, response.body.error.field]).toEqual([
          badRequest.name,
          badRequest.field,
        ]);
      }
      if (badRequest.value !== undefined) {
        expect([badRequest.name, response.body.error.value]).toEqual([
          badRequest.name,
          badRequest.value,
        ]);
      }
    }

    expect(await snapshot()).toEqual(before);
  });

  it('names the check digit in the message', async () => {
    const { body } = await harness.http<ErrorBody>('GET', `/cards/${badLuhn}`);

    expect(body.error.message).toMatch(/check digit/);
  });

  it('names the allowed targets for an illegal transition', async () => {
    const { body } = await harness.http<ErrorBody>('POST', `/cards/${cardNumber}/transitions`, {
      reason: 'officer review',
      to: 'lost',
    });

    expect(body.error.message).toBe(`card ${cardNumber} cannot move from requested to lost`);
    expect(body.error.hint).toMatch(/approved, revoked/);
  });
});
