import { randomUUID } from 'node:crypto';

import { initSoftHsmToken, SOFTHSM_MODULE } from '../../src/softhsm';

export interface SoftHsmToken {
  label: string;
  modulePath: string;
  pin: string;
}

/**
 * Initializes a SoftHSM2 token with a unique label in the token directory that the Jest global
 * setup made and exported as SOFTHSM2_CONF.
 */
export function createSoftHsmToken(prefix: string): SoftHsmToken {
  if (!process.env.SOFTHSM2_CONF) {
    throw new Error('SOFTHSM2_CONF is not set; run the tests with the card-keys Jest config');
  }

  const label = `${prefix}-${randomUUID().slice(0, 8)}`;
  const pin = '123456';

  initSoftHsmToken(label, { pin, soPin: '654321' });

  return { label, modulePath: process.env.PKCS11_MODULE ?? SOFTHSM_MODULE, pin };
}
