import type * as pkcs11js from 'pkcs11js';

import { CardKeyError } from '../errors';

/** Token selection by label (preferred, because SoftHSM assigns random slot ids) or slot id. */
export interface TokenSelector {
  slotId?: number;
  tokenLabel?: string;
}

function slotIdOf(handle: Buffer): bigint {
  return handle.length === 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0));
}

/** Finds the slot of the token named by `selector` among the slots that hold a token. */
export function findSlot(module: pkcs11js.PKCS11, selector: TokenSelector): Buffer {
  if (selector.tokenLabel === undefined && selector.slotId === undefined) {
    throw new CardKeyError('INVALID_ARGUMENT', 'name the PKCS#11 token by label or slot id');
  }

  const slots = module.C_GetSlotList(true);
  const match = slots.find((slot) =>
    selector.tokenLabel !== undefined
      ? module.C_GetTokenInfo(slot).label.trim() === selector.tokenLabel
      : slotIdOf(slot) === BigInt(selector.slotId!),
  );

  if (!match) {
    const expected =
      selector.tokenLabel !== undefined
        ? `token labelled ${JSON.stringify(selector.tokenLabel)}`
        : `token in slot ${selector.slotId}`;

    throw new CardKeyError(
      'KEY_NOT_FOUND',
      `no ${expected} among ${slots.length} slots with a token; check the PKCS#11 module and token`,
    );
  }

  return match;
}
