import { isChipTransitionAllowed } from '@bitaqa/contracts';

import { CommandApdu } from '../../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../../apdu/response-apdu';
import { StatusWord } from '../../apdu/status-words';
import { Lifecycle } from '../card-constants';
import { CommandContext } from '../card-session';

/**
 * Moves the selected application to `target` when the shared chip transition table allows it.
 * The command takes no parameters and no data (P1P2 00 00, no Lc): it always applies to the
 * application, never to one EF. A move the table forbids gets 6985 and changes nothing.
 */
function moveTo(context: CommandContext, command: CommandApdu, target: Lifecycle): ResponseApdu {
  if (command.p1 !== 0 || command.p2 !== 0) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.data.length > 0 || command.ne > 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const { card, session } = context;
  if (!session.applicationSelected || !isChipTransitionAllowed(card.lifecycle, target)) {
    return responseApdu(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  card.lifecycle = target;

  return responseApdu(StatusWord.SUCCESS);
}

/** ACTIVATE FILE (00 44 00 00): personalized or blocked -> activated. */
export function activateFile(context: CommandContext, command: CommandApdu): ResponseApdu {
  return moveTo(context, command, 'activated');
}

/** DEACTIVATE FILE (00 04 00 00): personalized or activated -> blocked. */
export function deactivateFile(context: CommandContext, command: CommandApdu): ResponseApdu {
  return moveTo(context, command, 'blocked');
}

/**
 * TERMINATE CARD USAGE (00 FE 00 00): any state but terminated -> terminated, for good. The
 * files stay readable, so a station can still read the card number and report why it refuses.
 */
export function terminateCardUsage(context: CommandContext, command: CommandApdu): ResponseApdu {
  return moveTo(context, command, 'terminated');
}
