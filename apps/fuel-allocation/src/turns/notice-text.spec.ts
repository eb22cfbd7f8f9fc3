import { goodsPhrase, turnNoticeText } from './notice-text';

describe('turnNoticeText', () => {
  const notice = {
    distributorName: 'معتمد غاز المزة',
    productCode: 'gas-cylinder' as const,
    quantity: 1,
    turnId: '3f0c2a9e-8d7b-4c1a-9e2f-1a2b3c4d5e6f',
    unit: 'cylinder' as const,
    window: {
      date: '2026-11-16',
      end: new Date('2026-11-16T07:00:00.000Z'),
      start: new Date('2026-11-16T05:00:00.000Z'),
    },
  };

  it('names distributor, day and window', () => {
    const text = turnNoticeText(notice, 'Asia/Damascus');

    expect(text).toBe(
      'البطاقة الذكية: حان دوركم لاستلام أسطوانة غاز منزلي لدى معتمد غاز المزة ' +
        'يوم 2026-11-16 بين الساعة 08:00 والساعة 10:00. أحضروا البطاقة. رقم الدور 3f0c2a9e.',
    );
  });

  it('fits the registry limit', () => {
    const longName = 'م'.repeat(120);

    expect(
      turnNoticeText({ ...notice, distributorName: longName }, 'Asia/Damascus').length,
    ).toBeLessThanOrEqual(480);
  });
});

describe('goodsPhrase', () => {
  it.each([
    ['gas-cylinder', 1, 'cylinder', 'أسطوانة غاز منزلي'],
    ['gas-cylinder', 2, 'cylinder', '2 أسطوانات غاز منزلي'],
    ['diesel-heating', 50_000, 'ml', '50 ليتر مازوت تدفئة'],
    ['diesel-heating', 12_500, 'ml', '12.5 ليتر مازوت تدفئة'],
  ] as const)('%s %d', (productCode, quantity, unit, expected) => {
    expect(goodsPhrase(productCode, quantity, unit)).toBe(expected);
  });
});
