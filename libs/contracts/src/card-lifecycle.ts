import { CARD_STATUSES, type CardStatus } from './events/authority';

/**
 * The card lifecycle as a transition table: each status lists the statuses a card may move to
 * from it. Issuance runs requested -> approved -> queued -> personalized -> issued. Officers
 * suspend, reactivate, record a loss or theft, revoke and replace. Every status that is not
 * final can be revoked, so a holder's death or a merged identity always ends the card. Expired,
 * revoked and replaced are final, except that an expired card can still be marked replaced.
 */
export const CARD_TRANSITIONS: Readonly<Record<CardStatus, readonly CardStatus[]>> = {
  requested: ['approved', 'revoked'],
  approved: ['queued', 'revoked'],
  queued: ['personalized', 'revoked'],
  personalized: ['issued', 'revoked'],
  issued: ['active', 'suspended', 'lost', 'stolen', 'expired', 'revoked', 'replaced'],
  active: ['suspended', 'lost', 'stolen', 'expired', 'revoked', 'replaced'],
  suspended: ['active', 'lost', 'stolen', 'expired', 'revoked', 'replaced'],
  lost: ['expired', 'revoked', 'replaced'],
  stolen: ['expired', 'revoked', 'replaced'],
  expired: ['replaced'],
  revoked: [],
  replaced: [],
};

/** Statuses in which a card no longer belongs to its holder, so the person may get a new card. */
export const TERMINAL_CARD_STATUSES: readonly CardStatus[] = ['expired', 'revoked', 'replaced'];

/** Statuses of a card that is still the holder's card; one person has at most one. */
export const LIVE_CARD_STATUSES: readonly CardStatus[] = CARD_STATUSES.filter(
  (status) => !TERMINAL_CARD_STATUSES.includes(status),
);

export function isCardTransitionAllowed(from: CardStatus, to: CardStatus): boolean {
  return CARD_TRANSITIONS[from].includes(to);
}

/**
 * Life cycle state kept on the chip, in the spirit of the ISO/IEC 7816-4 life cycle status
 * byte: `blank` before personalization, `personalized` and `activated` are the operational
 * activated state, `blocked` is the operational deactivated state, and `terminated` is final.
 */
export const CHIP_LIFECYCLES = [
  'blank',
  'personalized',
  'activated',
  'blocked',
  'terminated',
] as const;

export type ChipLifecycle = (typeof CHIP_LIFECYCLES)[number];

/**
 * The chip state that matches each authority status. A card in a usable status (issued, active)
 * is operational on the chip. A suspended, lost or stolen card is blocked. A card that no longer
 * belongs to its holder is terminated.
 */
export const CHIP_LIFECYCLE_BY_STATUS: Readonly<Record<CardStatus, ChipLifecycle>> = {
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

export function chipLifecycleFor(status: CardStatus): ChipLifecycle {
  return CHIP_LIFECYCLE_BY_STATUS[status];
}

function deriveChipTransitions(): Record<ChipLifecycle, ChipLifecycle[]> {
  const table = Object.fromEntries(
    CHIP_LIFECYCLES.map((state) => [state, [] as ChipLifecycle[]]),
  ) as Record<ChipLifecycle, ChipLifecycle[]>;

  for (const from of CARD_STATUSES) {
    for (const to of CARD_TRANSITIONS[from]) {
      const chipFrom = chipLifecycleFor(from);
      const chipTo = chipLifecycleFor(to);

      if (chipFrom !== chipTo && !table[chipFrom].includes(chipTo)) table[chipFrom].push(chipTo);
    }
  }

  for (const targets of Object.values(table)) {
    targets.sort((a, b) => CHIP_LIFECYCLES.indexOf(a) - CHIP_LIFECYCLES.indexOf(b));
  }

  return table;
}

/**
 * Chip state changes, derived from `CARD_TRANSITIONS` through `CHIP_LIFECYCLE_BY_STATUS`: the chip
 * may move from one state to another exactly when some authority transition does, so the chip
 * can never reach a state the authority's table could not.
 */
export const CHIP_TRANSITIONS: Readonly<Record<ChipLifecycle, readonly ChipLifecycle[]>> =
  deriveChipTransitions();

export function isChipTransitionAllowed(from: ChipLifecycle, to: ChipLifecycle): boolean {
  return CHIP_TRANSITIONS[from].includes(to);
}
