import type * as Pkcs11js from 'pkcs11js';

import { P256_EC_PARAMS } from '../ec';
import { pkcs11js } from './pkcs11js-loader';

/**
 * Attributes of a master key: a token object that is sensitive and never extractable, usable
 * only to compute CMACs (CKA_SIGN), so derived values are the only output it ever gives.
 */
export function masterKeyTemplate(label: string, value?: Buffer): Pkcs11js.Template {
  const p11 = pkcs11js();
  const template: Pkcs11js.Template = [
    { type: p11.CKA_CLASS, value: p11.CKO_SECRET_KEY },
    { type: p11.CKA_KEY_TYPE, value: p11.CKK_AES },
    { type: p11.CKA_LABEL, value: label },
    { type: p11.CKA_TOKEN, value: true },
    { type: p11.CKA_PRIVATE, value: true },
    { type: p11.CKA_SENSITIVE, value: true },
    { type: p11.CKA_EXTRACTABLE, value: false },
    { type: p11.CKA_SIGN, value: true },
    { type: p11.CKA_VERIFY, value: true },
    { type: p11.CKA_ENCRYPT, value: false },
    { type: p11.CKA_DECRYPT, value: false },
    { type: p11.CKA_WRAP, value: false },
    { type: p11.CKA_UNWRAP, value: false },
    { type: p11.CKA_DERIVE, value: false },
  ];

  if (value) {
    template.push({ type: p11.CKA_VALUE, value });
  } else {
    template.push({ type: p11.CKA_VALUE_LEN, value: 16 });
  }

  return template;
}

/** Public half of the issuer key pair: a token object for ECDSA verification on P-256. */
export function issuerPublicTemplate(label: string): Pkcs11js.Template {
  const p11 = pkcs11js();

  return [
    { type: p11.CKA_CLASS, value: p11.CKO_PUBLIC_KEY },
    { type: p11.CKA_KEY_TYPE, value: p11.CKK_EC },
    { type: p11.CKA_LABEL, value: label },
    { type: p11.CKA_TOKEN, value: true },
    { type: p11.CKA_VERIFY, value: true },
    { type: p11.CKA_EC_PARAMS, value: P256_EC_PARAMS },
  ];
}

/** Private half of the issuer key pair: sensitive, never extractable, signing only. */
export function issuerPrivateTemplate(label: string): Pkcs11js.Template {
  const p11 = pkcs11js();

  return [
    { type: p11.CKA_CLASS, value: p11.CKO_PRIVATE_KEY },
    { type: p11.CKA_KEY_TYPE, value: p11.CKK_EC },
    { type: p11.CKA_LABEL, value: label },
    { type: p11.CKA_TOKEN, value: true },
    { type: p11.CKA_PRIVATE, value: true },
    { type: p11.CKA_SENSITIVE, value: true },
    { type: p11.CKA_EXTRACTABLE, value: false },
    { type: p11.CKA_SIGN, value: true },
    { type: p11.CKA_DERIVE, value: false },
  ];
}
