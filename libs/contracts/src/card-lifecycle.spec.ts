import {
  CARD_TRANSITIONS,
  CHIP_LIFECYCLE_BY_STATUS,
  CHIP_LIFECYCLES,
  CHIP_TRANSITIONS,
  chipLifecycleFor,
  isCardTransitionAllowed,
  isChipTransitionAllowed,
  LIVE_CARD_STATUSES,
  TERMINAL_CARD_STATUSES,
} from './card-lifecycle';
import { CARD_STATUSES, USABLE_CARD_STATUSES, type CardStatus } from './events/authority';

describe('card transition table', () => {
  it('lists every status once', () => {
    expect(Object.keys(CARD_TRANSITIONS).sort()).toEqual([...CARD_STATUSES].sort());
  });

  it('names only known statuses', () => {
    for (const targets of Object.values(CARD_TRANSITIONS)) {
      for (const target of targets) expect(CARD_STATUSES).toContain(target);
    }
  });

  it('never loops on one status', () => {
    for (const status of CARD_STATUSES) expect(isCardTransitionAllowed(status, status)).toBe(false);
  });

  it('lets only revoked and replaced end', () => {
    const final = CARD_STATUSES.filter((status) => CARD_TRANSITIONS[status].length === 0);

    expect(final).toEqual(['revoked', 'replaced']);
  });

  it('splits statuses into live and terminal', () => {
    expect([...LIVE_CARD_STATUSES, ...TERMINAL_CARD_STATUSES].sort()).toEqual(
      [...CARD_STATUSES].sort(),
    );
    expect(LIVE_CARD_STATUSES).toContain('lost');
    expect(LIVE_CARD_STATUSES).not.toContain('expired');
  });

  it('runs issuance in order', () => {
    const issuance = ['requested', 'approved', 'queued', 'personalized', 'issued'] as const;

    for (let index = 1; index < issuance.length; index += 1) {
      expect(isCardTransitionAllowed(issuance[index - 1]!, issuance[index]!)).toBe(true);
    }
  });

  it('skips no issuance step', () => {
    expect(isCardTransitionAllowed('requested', 'queued')).toBe(false);
    expect(isCardTransitionAllowed('queued', 'issued')).toBe(false);
    expect(isCardTransitionAllowed('approved', 'personalized')).toBe(false);
  });

  it('allows revocation from every live status', () => {
    for (const status of LIVE_CARD_STATUSES) {
      expect(isCardTransitionAllowed(status, 'revoked')).toBe(true);
    }
  });

  it('reactivates only suspended or issued cards', () => {
    const toActive = CARD_STATUSES.filter((status) => isCardTransitionAllowed(status, 'active'));

    expect(toActive.sort()).toEqual(['issued', 'suspended']);
  });

  it('replaces only issued cards', () => {
    const replaceable = CARD_STATUSES.filter((status) =>
      isCardTransitionAllowed(status, 'replaced'),
    );

    expect(replaceable).toEqual(['issued', 'active', 'suspended', 'lost', 'stolen', 'expired']);
  });
});

describe('chip lifecycle mapping', () => {
  const expected: Record<CardStatus, string> = {
    requested: 'blank',
    approved: 'blank',
    queued: 'blank',
    personalized: 'personalized',
    issued: 'personalized',
    active: 'activated',
    suspended: 'blocked',
    lost: 'blocked',
    stolen: 'blocked',
    expired: 'terminated',
    revoked: 'terminated',
    replaced: 'terminated',
  };

  it.each(CARD_STATUSES.map((status) => [status, expected[status]]))(
    'maps %s to %s',
    (status, chip) => {
      expect(chipLifecycleFor(status)).toBe(chip);
    },
  );

  it('covers every chip state', () => {
    expect(new Set(Object.values(CHIP_LIFECYCLE_BY_STATUS))).toEqual(new Set(CHIP_LIFECYCLES));
  });

  it('keeps usable cards operational', () => {
    for (const status of CARD_STATUSES) {
      const operational = ['personalized', 'activated'].includes(chipLifecycleFor(status));

      expect([status, operational]).toEqual([
        status,
        USABLE_CARD_STATUSES.has(status) || status === 'personalized',
      ]);
    }
  });

  it('terminates every terminal status', () => {
    for (const status of TERMINAL_CARD_STATUSES) {
      expect(chipLifecycleFor(status)).toBe('terminated');
    }
  });
});

describe('chip transition table', () => {
  it('derives the chip moves from the card table', () => {
    expect(CHIP_TRANSITIONS).toEqual({
      blank: ['personalized', 'terminated'],
      personalized: ['activated', 'blocked', 'terminated'],
      activated: ['blocked', 'terminated'],
      blocked: ['activated', 'terminated'],
      terminated: [],
    });
  });

  it('follows every card transition that changes the chip', () => {
    for (const from of CARD_STATUSES) {
      for (const to of CARD_TRANSITIONS[from]) {
        const chipFrom = chipLifecycleFor(from);
        const chipTo = chipLifecycleFor(to);

        if (chipFrom !== chipTo) expect(isChipTransitionAllowed(chipFrom, chipTo)).toBe(true);
      }
    }
  });

  it('never leaves terminated', () => {
    for (const to of CHIP_LIFECYCLES) expect(isChipTransitionAllowed('terminated', to)).toBe(false);
  });

  it('never returns a chip to blank', () => {
    for (const from of CHIP_LIFECYCLES) expect(isChipTransitionAllowed(from, 'blank')).toBe(false);
  });
});
