import { createHash } from 'node:crypto';

import type * as Pkcs11js from 'pkcs11js';

import { AES_BLOCK_SIZE, assertAes128Key } from '../cmac';
import {
  assertCardNumber,
  assertKeyVersion,
  KEY_PURPOSES,
  type CardKeys,
  type KeyPurpose,
} from '../diversification';
import { assertP256Point, ES256_SIGNATURE_LENGTH } from '../ec';
import { CardKeyError } from '../errors';
import { deriveCardKeysWith, keyLabel, type KeyStore } from '../key-store';
import { acquireModule, isPkcs11Error, releaseModule } from './pkcs11-module';
import { findSlot, type TokenSelector } from './pkcs11-slot';
import { issuerPrivateTemplate, issuerPublicTemplate, masterKeyTemplate } from './templates';
import { pkcs11js } from './pkcs11js-loader';

export interface Pkcs11KeyStoreOptions extends TokenSelector {
  /** Path of the PKCS#11 library, such as /usr/lib/softhsm/libsofthsm2.so. */
  modulePath: string;
  /** User PIN of the token. */
  pin: string;
}

/** Security attributes of a key object as the token reports them. */
export interface KeyObjectAttributes {
  alwaysSensitive: boolean;
  extractable: boolean;
  neverExtractable: boolean;
  sensitive: boolean;
}

/**
 * A key store in a PKCS#11 token. Master keys are AES-128 token objects generated inside the
 * token, sensitive and not extractable. Each PRF block of the card key derivation is one C_Sign
 * with CKM_AES_CMAC, so only the derived card keys leave the token. The counter-mode loop runs
 * here because SoftHSM 2.6 has no CKM_SP800_108_COUNTER_KDF. The issuer's P-256 private key signs
 * with CKM_ECDSA over a SHA-256 digest computed here, because SoftHSM 2.6 lacks CKM_ECDSA_SHA256.
 */
export class Pkcs11KeyStore implements KeyStore {
  readonly kind = 'pkcs11';

  private constructor(
    private readonly module: Pkcs11js.PKCS11,
    private readonly modulePath: string,
    private readonly session: Buffer,
  ) {}

  static async open(options: Pkcs11KeyStoreOptions): Promise<Pkcs11KeyStore> {
    const module = wrap('loading the PKCS#11 library', () => acquireModule(options.modulePath));

    try {
      const slot = findSlot(module, options);
      const session = wrap('opening a session', () =>
        module.C_OpenSession(slot, pkcs11js().CKF_SERIAL_SESSION | pkcs11js().CKF_RW_SESSION),
      );

      login(module, session, options.pin);

      return new Pkcs11KeyStore(module, options.modulePath, session);
    } catch (error) {
      releaseModule(options.modulePath);
      throw error;
    }
  }

  async ensureVersionKeys(keyVersion: number): Promise<void> {
    assertKeyVersion(keyVersion);

    for (const purpose of KEY_PURPOSES) {
      const label = keyLabel(keyVersion, purpose);

      if (this.findKey(pkcs11js().CKO_SECRET_KEY, label) === null) {
        wrap(`generating master key ${label}`, () =>
          this.module.C_GenerateKey(
            this.session,
            { mechanism: pkcs11js().CKM_AES_KEY_GEN },
            masterKeyTemplate(label),
          ),
        );
      }
    }

    this.ensureIssuerKeyPair(keyVersion);
  }

  async hasVersionKeys(keyVersion: number): Promise<boolean> {
    assertKeyVersion(keyVersion);

    const issuer = keyLabel(keyVersion, 'issuer');

    return (
      KEY_PURPOSES.every(
        (purpose) =>
          this.findKey(pkcs11js().CKO_SECRET_KEY, keyLabel(keyVersion, purpose)) !== null,
      ) &&
      this.findKey(pkcs11js().CKO_PRIVATE_KEY, issuer) !== null &&
      this.findKey(pkcs11js().CKO_PUBLIC_KEY, issuer) !== null
    );
  }

  /**
   * Imports master keys as sensitive, non-extractable token objects, for tests that compare
   * stores and for loading keys from a key ceremony. An existing key is never replaced.
   */
  async importMasterKeys(
    keyVersion: number,
    masters: Readonly<Record<KeyPurpose, Buffer>>,
  ): Promise<void> {
    assertKeyVersion(keyVersion);

    for (const purpose of KEY_PURPOSES) {
      assertAes128Key(masters[purpose]);

      const label = keyLabel(keyVersion, purpose);

      if (this.findKey(pkcs11js().CKO_SECRET_KEY, label) !== null) {
        throw new CardKeyError('KEY_STORE_FAILED', `master key ${label} exists already`);
      }

      wrap(`importing master key ${label}`, () =>
        this.module.C_CreateObject(this.session, masterKeyTemplate(label, masters[purpose])),
      );
    }
  }

  async deriveCardKeys(cardNumber: string, keyVersion: number): Promise<CardKeys> {
    assertCardNumber(cardNumber);
    assertKeyVersion(keyVersion);

    return deriveCardKeysWith(
      (purpose) => {
        const key = this.requireKey(pkcs11js().CKO_SECRET_KEY, keyLabel(keyVersion, purpose));

        return (block) =>
          wrap('computing AES-CMAC in the token', () => {
            this.module.C_SignInit(this.session, { mechanism: pkcs11js().CKM_AES_CMAC }, key);

            return this.module.C_Sign(this.session, block, Buffer.alloc(AES_BLOCK_SIZE));
          });
      },
      cardNumber,
      keyVersion,
    );
  }

  async signWithIssuerKey(keyVersion: number, data: Buffer): Promise<Buffer> {
    assertKeyVersion(keyVersion);

    const key = this.requireKey(pkcs11js().CKO_PRIVATE_KEY, keyLabel(keyVersion, 'issuer'));
    const digest = createHash('sha256').update(data).digest();

    return wrap('signing with the issuer key', () => {
      this.module.C_SignInit(this.session, { mechanism: pkcs11js().CKM_ECDSA }, key);

      return this.module.C_Sign(this.session, digest, Buffer.alloc(ES256_SIGNATURE_LENGTH));
    });
  }

  async issuerPublicKey(keyVersion: number): Promise<Buffer> {
    assertKeyVersion(keyVersion);

    const key = this.requireKey(pkcs11js().CKO_PUBLIC_KEY, keyLabel(keyVersion, 'issuer'));
    const [attribute] = wrap('reading the issuer public key', () =>
      this.module.C_GetAttributeValue(this.session, key, [{ type: pkcs11js().CKA_EC_POINT }]),
    );

    return unwrapEcPoint(attribute!.value);
  }

  /** Reads the security attributes of a master key, to check that it cannot leave the token. */
  async masterKeyAttributes(keyVersion: number, purpose: KeyPurpose): Promise<KeyObjectAttributes> {
    const key = this.requireKey(pkcs11js().CKO_SECRET_KEY, keyLabel(keyVersion, purpose));
    const values = wrap('reading key attributes', () =>
      this.module.C_GetAttributeValue(this.session, key, [
        { type: pkcs11js().CKA_SENSITIVE },
        { type: pkcs11js().CKA_EXTRACTABLE },
        { type: pkcs11js().CKA_ALWAYS_SENSITIVE },
        { type: pkcs11js().CKA_NEVER_EXTRACTABLE },
      ]),
    );
    const flag = (index: number): boolean => values[index]!.value[0] === 1;

    return {
      alwaysSensitive: flag(2),
      extractable: flag(1),
      neverExtractable: flag(3),
      sensitive: flag(0),
    };
  }

  async close(): Promise<void> {
    try {
      this.module.C_CloseSession(this.session);
    } finally {
      releaseModule(this.modulePath);
    }
  }

  private ensureIssuerKeyPair(keyVersion: number): void {
    const label = keyLabel(keyVersion, 'issuer');
    const privateKey = this.findKey(pkcs11js().CKO_PRIVATE_KEY, label);
    const publicKey = this.findKey(pkcs11js().CKO_PUBLIC_KEY, label);

    if (privateKey !== null && publicKey !== null) {
      return;
    }

    if (privateKey !== null || publicKey !== null) {
      throw new CardKeyError(
        'KEY_STORE_FAILED',
        `token has only one half of the issuer key pair ${label}; remove it and retry`,
      );
    }

    wrap(`generating issuer key pair ${label}`, () =>
      this.module.C_GenerateKeyPair(
        this.session,
        { mechanism: pkcs11js().CKM_EC_KEY_PAIR_GEN },
        issuerPublicTemplate(label),
        issuerPrivateTemplate(label),
      ),
    );
  }

  private findKey(objectClass: number, label: string): Buffer | null {
    const handles = wrap(`finding key ${label}`, () => {
      this.module.C_FindObjectsInit(this.session, [
        { type: pkcs11js().CKA_CLASS, value: objectClass },
        { type: pkcs11js().CKA_LABEL, value: label },
      ]);

      try {
        return this.module.C_FindObjects(this.session, 2);
      } finally {
        this.module.C_FindObjectsFinal(this.session);
      }
    });

    if (handles.length > 1) {
      throw new CardKeyError('KEY_STORE_FAILED', `token has more than one key labelled ${label}`);
    }

    return handles[0] ?? null;
  }

  private requireKey(objectClass: number, label: string): Buffer {
    const handle = this.findKey(objectClass, label);

    if (handle === null) {
      throw new CardKeyError(
        'KEY_NOT_FOUND',
        `token has no key labelled ${label}; start the key version first`,
      );
    }

    return handle;
  }
}

function login(module: Pkcs11js.PKCS11, session: Buffer, pin: string): void {
  try {
    module.C_Login(session, pkcs11js().CKU_USER, pin);
  } catch (error) {
    // Login state belongs to the application, so a second store on the same token is logged in.
    if (!isPkcs11Error(error, pkcs11js().CKR_USER_ALREADY_LOGGED_IN)) {
      module.C_CloseSession(session);
      throw new CardKeyError(
        'KEY_STORE_FAILED',
        `logging in to the token failed: ${describe(error)}`,
      );
    }
  }
}

/** CKA_EC_POINT is a DER OCTET STRING around the point; some tokens return the bare point. */
function unwrapEcPoint(value: Buffer): Buffer {
  const point =
    value.length === 67 && value[0] === 0x04 && value[1] === 0x41 ? value.subarray(2) : value;

  assertP256Point(point);

  return Buffer.from(point);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a PKCS#11 call and turns its failure into a `KEY_STORE_FAILED` error. */
function wrap<T>(operation: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof CardKeyError) {
      throw error;
    }

    throw new CardKeyError('KEY_STORE_FAILED', `${operation} failed: ${describe(error)}`);
  }
}
