import type { CardStatus } from '@bitaqa/contracts';
import { ConflictError } from '@bitaqa/http';

import { CARD_TRANSITIONS } from './card-lifecycle';

/** A status change the lifecycle does not allow from the card's current status (HTTP 409). */
export class IllegalCardTransitionError extends ConflictError {
  constructor(cardNumber: string, from: CardStatus, to: CardStatus) {
    const allowed = CARD_TRANSITIONS[from];
    const hint =
      allowed.length > 0
        ? `from ${from} a card may move to: ${allowed.join(', ')}`
        : `${from} is a final status, so the card cannot change any more`;

    super('ILLEGAL_CARD_TRANSITION', `card ${cardNumber} cannot move from ${from} to ${to}`, {
      field: 'to',
      hint,
      value: to,
      ...({ from, to } as object),
    });
    this.name = 'IllegalCardTransitionError';
  }
}
