import { CARD_TRANSITIONS, type CardStatus } from '@bitaqa/contracts';
import { RuleViolationError } from '@bitaqa/http';

/**
 * A status change the lifecycle table does not allow from the card's current status (HTTP 422).
 * The body's `details` carry `from` and `to`.
 */
export class IllegalCardTransitionError extends RuleViolationError {
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
