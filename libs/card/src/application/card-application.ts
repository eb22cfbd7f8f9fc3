import { randomBytes } from 'node:crypto';

import { CommandApdu, decodeCommandApdu } from '../apdu/command-apdu';
import { encodeResponseApdu, responseApdu, ResponseApdu } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { Cla, Ins, Lifecycle } from './card-constants';
import { CardImage, parseCardImage } from './card-image';
import { CardState, CommandContext, CommandHandler, newSession } from './card-session';
import { readBinary, updateBinary } from './commands/binary';
import { finalizePersonalization, getChallenge, getData } from './commands/card-data';
import { activateFile, deactivateFile, terminateCardUsage } from './commands/lifecycle';
import { select } from './commands/select';
import { mutualAuthenticate, internalAuthenticate } from './commands/authentication';
import { putKey } from './commands/put-key';
import { formatFileId } from './file-table';
import { getResponse } from './response-shaping';
import { isSecureMessagingCla, processSecureCommand } from '../secure/card-channel';
import { SecurityIns } from '../secure/secure-constants';
import { PUT_KEY_INS } from '../rekey/put-key-constants';

const INTERINDUSTRY_COMMANDS = new Map<number, CommandHandler>([
  [Ins.SELECT, select],
  [Ins.READ_BINARY, readBinary],
  [Ins.UPDATE_BINARY, updateBinary],
  [Ins.GET_CHALLENGE, getChallenge],
  [Ins.GET_RESPONSE, (context, command) => getResponse(context.session, command)],
  [Ins.ACTIVATE_FILE, activateFile],
  [Ins.DEACTIVATE_FILE, deactivateFile],
  [Ins.TERMINATE_CARD_USAGE, terminateCardUsage],
  [SecurityIns.MUTUAL_AUTHENTICATE, mutualAuthenticate],
  [SecurityIns.INTERNAL_AUTHENTICATE, internalAuthenticate],
]);

const PROPRIETARY_COMMANDS = new Map<number, CommandHandler>([
  [Ins.GET_DATA, getData],
  [Ins.FINALIZE_PERSONALIZATION, finalizePersonalization],
  [PUT_KEY_INS, putKey],
]);

export interface CardApplicationOptions {
  /** Source of GET CHALLENGE bytes; crypto.randomBytes by default. */
  random?: (length: number) => Buffer;
}

/**
 * The Bitaqa card application as pure logic: command APDUs in, response APDUs out, with no
 * transport. The emulator puts it behind vpcd; tests can drive it directly.
 */
export class CardApplication {
  private readonly context: CommandContext;

  constructor(image: CardImage, options: CardApplicationOptions = {}) {
    const { image: checked, files } = parseCardImage(image);
    const card: CardState = {
      serial: Buffer.from(checked.serial, 'hex'),
      lifecycle: checked.lifecycle,
      updateCount: checked.updateCount,
      files,
    };
    this.context = { card, session: newSession(), random: options.random ?? randomBytes };
  }

  get serial(): string {
    return this.context.card.serial.toString('hex').toUpperCase();
  }

  get lifecycle(): Lifecycle {
    return this.context.card.lifecycle;
  }

  get updateCount(): number {
    return this.context.card.updateCount;
  }

  /**
   * Processes raw command bytes and returns raw response bytes. It never throws: a malformed
   * command gets 6700 and an internal failure gets 6F00, because vpcd waits for a response without a timeout.
   */
  processBytes(commandBytes: Buffer): Buffer {
    let command: CommandApdu;
    try {
      command = decodeCommandApdu(commandBytes);
    } catch {
      return encodeResponseApdu(responseApdu(StatusWord.WRONG_LENGTH));
    }

    try {
      return encodeResponseApdu(this.process(command));
    } catch {
      return encodeResponseApdu(responseApdu(StatusWord.NO_PRECISE_DIAGNOSIS));
    }
  }

  process(command: CommandApdu): ResponseApdu {
    if (isSecureMessagingCla(command.cla)) {
      return processSecureCommand(this.context.session, command, (inner) => this.dispatch(inner));
    }

    return this.dispatch(command);
  }

  private dispatch(command: CommandApdu): ResponseApdu {
    const handlers =
      command.cla === Cla.INTERINDUSTRY
        ? INTERINDUSTRY_COMMANDS
        : command.cla === Cla.PROPRIETARY
          ? PROPRIETARY_COMMANDS
          : undefined;
    if (handlers === undefined) {
      return responseApdu(StatusWord.CLA_NOT_SUPPORTED);
    }

    const handler = handlers.get(command.ins);
    if (handler === undefined) {
      return responseApdu(StatusWord.INS_NOT_SUPPORTED);
    }

    if (command.ins !== Ins.GET_RESPONSE) {
      this.context.session.pendingResponse = null;
    }

    return handler(this.context, command);
  }

  /** Clears the volatile state, as a power off or a warm reset does. */
  resetSession(): void {
    this.context.session = newSession();
  }

  /** Returns the persistent state as a JSON-ready image. */
  toImage(): CardImage {
    const { card } = this.context;
    const files: Record<string, string> = {};
    for (const [id, content] of [...card.files.entries()].sort(([a], [b]) => a - b)) {
      files[formatFileId(id)] = content.toString('hex');
    }

    return {
      format: 'bitaqa-card-image/1',
      serial: card.serial.toString('hex').toUpperCase(),
      lifecycle: card.lifecycle,
      updateCount: card.updateCount,
      files,
    };
  }
}
