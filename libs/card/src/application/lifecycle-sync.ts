import { chipLifecycleFor, isChipTransitionAllowed, type CardStatus } from '@bitaqa/contracts';

import { CommandApdu } from '../apdu/command-apdu';
import { CardError } from '../card-error';
import { CardCommands } from './card-commands';
import { Lifecycle } from './card-constants';

export type ChipLifecycleErrorCode = 'CHIP_LIFECYCLE_UNREACHABLE';

export class ChipLifecycleError extends CardError<ChipLifecycleErrorCode> {}

/** Commands that move the application into each state a lifecycle command can reach. */
const COMMAND_FOR_TARGET: Partial<Record<Lifecycle, () => CommandApdu>> = {
  activated: CardCommands.activate,
  blocked: CardCommands.deactivate,
  terminated: CardCommands.terminate,
};

/** True when the chip state lets a terminal use the card: the ISO operational activated state. */
export function isChipOperational(lifecycle: Lifecycle): boolean {
  return lifecycle === 'personalized' || lifecycle === 'activated';
}

/**
 * Returns the commands an encoder or station sends, after selecting the application, to bring
 * a chip in state `current` to the state that matches the authority's card `status`: none when
 * the states already match, otherwise one ACTIVATE FILE, DEACTIVATE FILE or TERMINATE CARD USAGE.
 * Throws `CHIP_LIFECYCLE_UNREACHABLE` when no lifecycle command can get there, such as a blank
 * chip for an issued card (that needs personalization) or a terminated chip for an active card.
 */
export function chipCommandsFor(current: Lifecycle, status: CardStatus): CommandApdu[] {
  const target = chipLifecycleFor(status);

  if (current === target) {
    return [];
  }

  const command = COMMAND_FOR_TARGET[target];
  if (command === undefined || !isChipTransitionAllowed(current, target)) {
    throw new ChipLifecycleError(
      'CHIP_LIFECYCLE_UNREACHABLE',
      `a ${current} chip cannot be brought to ${target} for a card in status ${status}`,
      { current, status, target },
    );
  }

  return [command()];
}
