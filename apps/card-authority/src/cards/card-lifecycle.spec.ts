import { CARD_STATUSES } from '@bitaqa/contracts';

import {
  CARD_TRANSITIONS,
  isTransitionAllowed,
  LIVE_CARD_STATUSES,
  TERMINAL_CARD_STATUSES,
} from './card-lifecycle';

describe('card lifecycle', () => {
  it('covers every status', () => {
    expect(Object.keys(CARD_TRANSITIONS).sort()).toEqual([...CARD_STATUSES].sort());
  });

  it('names only known statuses as targets', () => {
    for (const targets of Object.values(CARD_TRANSITIONS)) {
      for (const target of targets) expect(CARD_STATUSES).toContain(target);
    }
  });

  it('runs issuance in order', () => {
    const issuance = ['requested', 'approved', 'queued', 'personalized', 'issued'] as const;

    for (let index = 1; index < issuance.length; index += 1) {
      expect(isTransitionAllowed(issuance[index - 1]!, issuance[index]!)).toBe(true);
    }
  });

  it('skips no issuance step', () => {
    expect(isTransitionAllowed('requested', 'queued')).toBe(false);
    expect(isTransitionAllowed('queued', 'issued')).toBe(false);
    expect(isTransitionAllowed('approved', 'personalized')).toBe(false);
  });

  it('allows revocation from every live status', () => {
    for (const status of LIVE_CARD_STATUSES) {
      expect(isTransitionAllowed(status, 'revoked')).toBe(true);
    }
  });

  it('ends at revoked and replaced', () => {
    expect(CARD_TRANSITIONS.revoked).toEqual([]);
    expect(CARD_TRANSITIONS.replaced).toEqual([]);
    expect(CARD_TRANSITIONS.expired).toEqual(['replaced']);
  });

  it('splits statuses into live and terminal', () => {
    expect([...LIVE_CARD_STATUSES, ...TERMINAL_CARD_STATUSES].sort()).toEqual(
      [...CARD_STATUSES].sort(),
    );
    expect(LIVE_CARD_STATUSES).not.toContain('revoked');
    expect(LIVE_CARD_STATUSES).toContain('lost');
  });

  it('has no self transitions', () => {
    for (const status of CARD_STATUSES) expect(isTransitionAllowed(status, status)).toBe(false);
  });

  it('lets officers reactivate only suspended or issued cards', () => {
    const toActive = CARD_STATUSES.filter((status) => isTransitionAllowed(status, 'active'));

    expect(toActive.sort()).toEqual(['issued', 'suspended']);
  });
});
