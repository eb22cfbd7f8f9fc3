import type { CachedCardStatus } from '../cache/card-status.repository';
import type { CardReading } from '../card-reader/station-card-reader';

import { calendarDate, checkCard } from './card-check';

const reading: CardReading = {
  cardNumber: '9760000000000011',
  certificate: null,
  expiryDate: '2030-06-30',
  holderNationalNumber: '01000000018',
  signature: { statusWord: '6985' },
};

const cached: CachedCardStatus = {
  cardNumber: reading.cardNumber,
  changedAt: '2026-01-01T00:00:00.000Z',
  expiryDate: '2030-06-30',
  familyId: 'FAM-SY01-000001',
  nationalNumber: reading.holderNationalNumber,
  reason: 'issued',
  receivedAt: '2026-01-01T00:00:01.000Z',
  status: 'issued',
  version: 5,
};

describe('checkCard', () => {
  it('accepts an issued card', () => {
    expect(checkCard(reading, cached, '2026-12-04')).toBeUndefined();
  });

  it('accepts an active card on its expiry date', () => {
    expect(checkCard(reading, { ...cached, status: 'active' }, '2030-06-30')).toBeUndefined();
  });

  it('refuses an unknown card', () => {
    expect(checkCard(reading, undefined, '2026-12-04')).toMatchObject({
      refusal: 'CARD_UNKNOWN',
      status: 'unknown',
    });
  });

  it.each(['revoked', 'lost', 'stolen', 'suspended', 'queued', 'replaced'] as const)(
    'refuses a %s card',
    (status) => {
      const refusal = checkCard(reading, { ...cached, reason: 'why', status }, '2026-12-04');

      expect(refusal).toEqual({ reason: 'why', refusal: 'CARD_HOTLISTED', status });
    },
  );

  it('refuses a card past its expiry', () => {
    expect(checkCard(reading, cached, '2030-07-01')).toEqual({
      reason: 'card expired on 2030-06-30',
      refusal: 'CARD_EXPIRED',
      status: 'expired',
    });
  });

  it('uses the earlier expiry', () => {
    const refusal = checkCard({ ...reading, expiryDate: '2026-01-01' }, cached, '2026-12-04');

    expect(refusal?.reason).toBe('card expired on 2026-01-01');
  });

  it('refuses a holder mismatch', () => {
    const other = { ...reading, holderNationalNumber: '01000000026' };

    expect(checkCard(other, cached, '2026-12-04')?.refusal).toBe('HOLDER_MISMATCH');
  });
});

describe('calendarDate', () => {
  it('follows the time zone', () => {
    const lateUtc = new Date('2026-12-04T22:30:00.000Z');

    expect(calendarDate(lateUtc, 'UTC')).toBe('2026-12-04');
    expect(calendarDate(lateUtc, 'Asia/Damascus')).toBe('2026-12-05');
  });
});
