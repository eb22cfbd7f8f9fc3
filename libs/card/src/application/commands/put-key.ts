import { createPublicKey } from 'node:crypto';

import { parseCertificate, pointFromPublicKey } from '@bitaqa/card-keys';

import { CommandApdu } from '../../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../../apdu/response-apdu';
import { StatusWord } from '../../apdu/status-words';
import {
  PUT_KEY_MAX_PAYLOAD,
  PUT_KEY_MORE_BLOCKS,
  PutKeyStatus,
} from '../../rekey/put-key-constants';
import { decodePutKeyPayload, DecodedPutKeySet } from '../../rekey/put-key-payload';
import {
  decodeCardKeysFile,
  decodeSigningKeyFile,
  encodeCardKeysFile,
} from '../../secure/card-secrets';
import { ChannelChain } from '../../secure/secure-messaging';
import { CommandContext } from '../card-session';
import { FileId, findFile } from '../file-table';

/** Blocks received so far in one secure channel; volatile, like the channel itself. */
interface StagedBlocks {
  blocks: Buffer[];
  length: number;
}

/**
 * Staged blocks per open channel. A new MUTUAL AUTHENTICATE or a power off replaces the channel
 * object, so blocks of an unfinished PUT KEY are dropped with it and never reach a file.
 */
const staging = new WeakMap<ChannelChain, StagedBlocks>();

function reject(channel: ChannelChain | null, sw: number): ResponseApdu {
  if (channel !== null) {
    staging.delete(channel);
  }

  return responseApdu(sw);
}

function cardNumberOnCard(context: CommandContext): string {
  return context.card.files.get(FileId.CARD_NUMBER)!.toString('ascii').replace(/\0+$/, '');
}

/**
 * Checks that the certificate is a card certificate of this card for the new key version, over
 * the public key of the new signing scalar. The card cannot check the issuer signature, because
 * it holds no issuer key; the host verifies that before and after.
 */
function certificateMatches(context: CommandContext, set: DecodedPutKeySet): boolean {
  const signingKey = decodeSigningKeyFile(set.signingScalar);
  const size = findFile(FileId.CARD_CERTIFICATE)!.size;
  if (signingKey === null || set.certificate.length > size) {
    return false;
  }

  try {
    const certificate = parseCertificate(set.certificate);
    const publicPoint = pointFromPublicKey(createPublicKey(signingKey));

    return (
      certificate.role === 'card' &&
      certificate.encoded.length === set.certificate.length &&
      certificate.holderReference === cardNumberOnCard(context) &&
      certificate.keyVersion === set.keys.keyVersion &&
      certificate.publicKey.equals(publicPoint)
    );
  } catch {
    return false;
  }
}

/**
 * Replaces the card keys file, the signing key file and the certificate file. The three new
 * contents are built first and copied in one synchronous step, so the emulator, which loses
 * power only between commands, ends with all of them written or none.
 */
function commit(context: CommandContext, set: DecodedPutKeySet): void {
  const certificateFile = Buffer.alloc(findFile(FileId.CARD_CERTIFICATE)!.size);
  set.certificate.copy(certificateFile);
  const contents = new Map<number, Buffer>([
    [FileId.CARD_KEYS, encodeCardKeysFile(set.keys)],
    [FileId.SIGNING_KEY, set.signingScalar],
    [FileId.CARD_CERTIFICATE, certificateFile],
  ]);

  for (const [id, content] of contents) {
    content.copy(context.card.files.get(id)!);
  }

  context.card.updateCount++;
}

/** Checks the assembled key set and commits it; returns the status word. */
function install(context: CommandContext, payload: Buffer): number {
  const set = decodePutKeyPayload(payload);
  if (set === null) {
    return StatusWord.WRONG_LENGTH;
  }

  const current = decodeCardKeysFile(context.card.files.get(FileId.CARD_KEYS)!);
  if (current === null) {
    return StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED;
  }

  if (set.keys.keyVersion <= current.keyVersion) {
    return PutKeyStatus.KEY_VERSION_NOT_NEWER;
  }

  if (!certificateMatches(context, set)) {
    return StatusWord.WRONG_DATA;
  }

  commit(context, set);

  return StatusWord.SUCCESS;
}

/**
 * PUT KEY (84 D8 P1 P2 Lc block, through the secure channel only): stages one block of a new
 * key set, and on the block without P1 b8 installs the whole set, which is the new static keys
 * with their version, the new signing key and its certificate. The status words are listed at
 * `PutKeyStatus`. The channel stays open under the old session keys until it closes.
 */
export function putKey(context: CommandContext, command: CommandApdu): ResponseApdu {
  const { card, session } = context;
  const channel = session.security.channel;
  if (!session.security.secured || channel === null) {
    return reject(channel, StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  }

  const usable = card.lifecycle === 'personalized' || card.lifecycle === 'activated';
  if (!session.applicationSelected || !usable) {
    return reject(channel, StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  const staged = staging.get(channel) ?? { blocks: [], length: 0 };
  if ((command.p1 & ~PUT_KEY_MORE_BLOCKS) !== 0 || command.p2 !== staged.blocks.length) {
    return reject(channel, StatusWord.INCORRECT_P1P2);
  }

  const length = staged.length + command.data.length;
  if (command.data.length === 0 || length > PUT_KEY_MAX_PAYLOAD) {
    return reject(channel, StatusWord.WRONG_LENGTH);
  }

  if ((command.p1 & PUT_KEY_MORE_BLOCKS) !== 0) {
    staging.set(channel, { blocks: [...staged.blocks, command.data], length });

    return responseApdu(StatusWord.SUCCESS);
  }

  staging.delete(channel);

  return responseApdu(install(context, Buffer.concat([...staged.blocks, command.data])));
}
