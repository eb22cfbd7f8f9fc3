import { commandApdu, CommandApdu } from '../apdu/command-apdu';
import { Cla } from '../application/card-constants';
import { PUT_KEY_BLOCK_SIZE, PUT_KEY_INS, PUT_KEY_MORE_BLOCKS } from './put-key-constants';

/**
 * Splits a key set into PUT KEY blocks (80 D8 P1 P2 Lc data): P2 numbers the blocks from 0 and
 * P1 b8 is set on every block but the last. The secure channel wraps each one.
 */
export function putKeyCommands(payload: Buffer): CommandApdu[] {
  const commands: CommandApdu[] = [];

  for (let offset = 0, block = 0; offset < payload.length; offset += PUT_KEY_BLOCK_SIZE, block++) {
    const last = offset + PUT_KEY_BLOCK_SIZE >= payload.length;

    commands.push(
      commandApdu({
        cla: Cla.PROPRIETARY,
        ins: PUT_KEY_INS,
        p1: last ? 0 : PUT_KEY_MORE_BLOCKS,
        p2: block,
        data: payload.subarray(offset, offset + PUT_KEY_BLOCK_SIZE),
      }),
    );
  }

  return commands;
}
