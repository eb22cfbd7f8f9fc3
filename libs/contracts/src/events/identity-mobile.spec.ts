import { makeNationalNumber } from '../national-number';

import { MobileNumberBound, MobileNumberUnbound, syrianMobileNumber } from './identity';

describe('mobile binding events', () => {
  const nationalNumber = makeNationalNumber(1, 20);

  it.each([['+963944123456'], ['+963999999999']])('accepts number %s', (number) => {
    expect(syrianMobileNumber.safeParse(number).success).toBe(true);
  });

  it.each([['0944123456'], ['+963114123456'], ['+96394412345'], ['963944123456']])(
    'rejects number %s',
    (number) => {
      expect(syrianMobileNumber.safeParse(number).success).toBe(false);
    },
  );

  it('keys bindings by national number', () => {
    const bound = MobileNumberBound.schema.parse({
      boundAt: '2026-12-05T10:00:00.000Z',
      mobileNumber: '+963944123456',
      nationalNumber,
    });

    expect(MobileNumberBound.key(bound)).toBe(nationalNumber);
  });

  it('rejects an unknown unbind reason', () => {
    const data = {
      mobileNumber: '+963944123456',
      nationalNumber,
      reason: 'expired',
      unboundAt: '2026-12-05T10:00:00.000Z',
    };

    expect(MobileNumberUnbound.schema.safeParse(data).success).toBe(false);
    expect(MobileNumberUnbound.schema.safeParse({ ...data, reason: 'replaced' }).success).toBe(
      true,
    );
  });
});
