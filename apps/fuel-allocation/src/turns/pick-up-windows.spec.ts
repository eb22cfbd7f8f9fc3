import { pickUpWindow, placeOnDay } from './pick-up-windows';
import { DEFAULT_TURN_SETTINGS } from './turn-settings';

const demand = (turnId: string, balance: number) => ({ balance, turnId });

describe('placeOnDay', () => {
  it('fills capacity in queue order', () => {
    const placements = placeOnDay([demand('a', 1), demand('b', 1), demand('c', 1)], 2, 0, 4);

    expect(placements.map((placement) => placement.turnId)).toEqual(['a', 'b']);
  });

  it('never lets a later turn overtake', () => {
    // 30 L are left after "a"; "b" needs 50 L, so the smaller "c" must wait behind it.
    const placements = placeOnDay(
      [demand('a', 70_000), demand('b', 50_000), demand('c', 10_000)],
      100_000,
      0,
      4,
    );

    expect(placements.map((placement) => placement.turnId)).toEqual(['a']);
  });

  it('counts capacity used earlier', () => {
    const placements = placeOnDay([demand('a', 1), demand('b', 1)], 5, 4, 4);

    expect(placements).toEqual([{ quantity: 1, turnId: 'a', windowIndex: 3 }]);
  });

  it('caps a turn at the daily capacity', () => {
    const placements = placeOnDay([demand('a', 80_000)], 60_000, 0, 4);

    expect(placements).toEqual([{ quantity: 60_000, turnId: 'a', windowIndex: 0 }]);
  });

  it('spreads turns evenly over windows', () => {
    const demands = Array.from({ length: 8 }, (_, index) => demand(`t${index}`, 1));
    const placements = placeOnDay(demands, 8, 0, 4);

    expect(placements.map((placement) => placement.windowIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('uneven share uses every window', () => {
    const demands = Array.from({ length: 5 }, (_, index) => demand(`t${index}`, 1));
    const placements = placeOnDay(demands, 5, 0, 4);

    expect(placements.map((placement) => placement.windowIndex)).toEqual([0, 0, 1, 2, 3]);
  });
});

describe('pickUpWindow', () => {
  it('uses Damascus local time', () => {
    const window = pickUpWindow('2026-11-16', 1, DEFAULT_TURN_SETTINGS, 'Asia/Damascus');

    expect(window).toEqual({
      date: '2026-11-16',
      end: new Date('2026-11-16T09:00:00.000Z'),
      start: new Date('2026-11-16T07:00:00.000Z'),
    });
  });

  it('follows daylight saving time', () => {
    // Berlin moves from UTC+2 to UTC+1 on 25 October 2026.
    const summer = pickUpWindow('2026-10-24', 0, DEFAULT_TURN_SETTINGS, 'Europe/Berlin');
    const winter = pickUpWindow('2026-10-26', 0, DEFAULT_TURN_SETTINGS, 'Europe/Berlin');

    expect(summer.start.toISOString()).toBe('2026-10-24T06:00:00.000Z');
    expect(winter.start.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('rejects a window past closing', () => {
    expect(() => pickUpWindow('2026-11-16', 4, DEFAULT_TURN_SETTINGS, 'Asia/Damascus')).toThrow(
      RangeError,
    );
  });
});
