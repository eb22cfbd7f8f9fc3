import { CommandApdu } from '../../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../../apdu/response-apdu';
import { StatusWord } from '../../apdu/status-words';
import { primitive } from '../../tlv/tlv-node';
import { encodeTlv } from '../../tlv/tlv-encoder';
import { CHALLENGE_LENGTH, DataObjectTag, LIFECYCLE_CODES } from '../card-constants';
import { CommandContext } from '../card-session';
import { MANDATORY_FILE_IDS } from '../file-table';
import { shapeDataResponse } from '../response-shaping';

/**
 * GET CHALLENGE (00 84 00 00 08): returns 8 random bytes. The card keeps them for the next
 * MUTUAL AUTHENTICATE only, and a new GET CHALLENGE replaces them.
 */
export function getChallenge(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (command.p1 !== 0 || command.p2 !== 0) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.ne !== CHALLENGE_LENGTH || command.data.length > 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const challenge = context.random(CHALLENGE_LENGTH);
  context.session.security.challenge = challenge;

  return responseApdu(StatusWord.SUCCESS, challenge);
}

/**
 * GET DATA (80 CA, P1P2 = tag): returns the requested data object, tag and length included,
 * for the lifecycle state (DF21, one byte) or the card serial (DF22, eight bytes).
 */
export function getData(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (!context.session.applicationSelected) {
    return responseApdu(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  if (command.data.length > 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const tag = (command.p1 << 8) | command.p2;
  switch (tag) {
    case DataObjectTag.LIFECYCLE: {
      const code = LIFECYCLE_CODES[context.card.lifecycle];

      return shapeDataResponse(
        context.session,
        command,
        encodeTlv(primitive(tag, Buffer.from([code]))),
      );
    }
    case DataObjectTag.SERIAL:
      return shapeDataResponse(
        context.session,
        command,
        encodeTlv(primitive(tag, context.card.serial)),
      );
    default:
      return responseApdu(StatusWord.INCORRECT_P1P2);
  }
}

function isWritten(content: Buffer): boolean {
  return content.some((byte) => byte !== 0);
}

/**
 * FINALIZE PERSONALIZATION (80 F0 00 00): moves a blank card whose holder files all hold data
 * to `personalized`, after which UPDATE BINARY on holder files gets 6985.
 */
export function finalizePersonalization(
  context: CommandContext,
  command: CommandApdu,
): ResponseApdu {
  if (command.p1 !== 0 || command.p2 !== 0) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.data.length > 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const { card, session } = context;
  const complete = MANDATORY_FILE_IDS.every((id) => isWritten(card.files.get(id)!));
  if (!session.applicationSelected || card.lifecycle !== 'blank' || !complete) {
    return responseApdu(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  card.lifecycle = 'personalized';

  return responseApdu(StatusWord.SUCCESS);
}
