import { createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

import { aesCmac, assertAes128Key } from './cmac';
import {
  assertCardNumber,
  assertKeyVersion,
  KEY_PURPOSES,
  type CardKeys,
  type KeyPurpose,
} from './diversification';
import { generateP256KeyPair, pointFromPublicKey } from './ec';
import { CardKeyError } from './errors';
import { deriveCardKeysWith, type KeyStore } from './key-store';

interface VersionKeys {
  issuer?: KeyObject;
  masters: Partial<Record<KeyPurpose, Buffer>>;
}

/** JSON layout of the key file: master keys in hex, the issuer key as PKCS#8 PEM. */
interface KeyFile {
  versions: Record<string, { issuer?: string; masters: Partial<Record<KeyPurpose, string>> }>;
}

export interface SoftwareKeyStoreOptions {
  /** JSON file that keeps the keys across restarts; without it keys live only in memory. */
  keyFile?: string;
}

/**
 * A key store in process memory, for development and tests. Master keys and the issuer private
 * key are plain bytes in memory and in the key file (written with mode 0600), so production uses
 * the PKCS#11 store.
 */
export class SoftwareKeyStore implements KeyStore {
  readonly kind = 'software';

  private constructor(
    private readonly versions: Map<number, VersionKeys>,
    private readonly keyFile: string | undefined,
  ) {}

  static async open(options: SoftwareKeyStoreOptions = {}): Promise<SoftwareKeyStore> {
    const versions = options.keyFile ? await readKeyFile(options.keyFile) : new Map();

    return new SoftwareKeyStore(versions, options.keyFile);
  }

  async ensureVersionKeys(keyVersion: number): Promise<void> {
    assertKeyVersion(keyVersion);

    const keys = this.versionKeys(keyVersion);

    for (const purpose of KEY_PURPOSES) {
      keys.masters[purpose] ??= randomBytes(16);
    }

    keys.issuer ??= generateP256KeyPair().privateKey;
    await this.save();
  }

  async hasVersionKeys(keyVersion: number): Promise<boolean> {
    const keys = this.versions.get(keyVersion);

    return (
      keys !== undefined &&
      keys.issuer !== undefined &&
      KEY_PURPOSES.every((purpose) => keys.masters[purpose] !== undefined)
    );
  }

  /** Imports master keys, for tests that compare stores and for moving keys between stores. */
  async importMasterKeys(
    keyVersion: number,
    masters: Readonly<Record<KeyPurpose, Buffer>>,
  ): Promise<void> {
    assertKeyVersion(keyVersion);

    for (const purpose of KEY_PURPOSES) {
      assertAes128Key(masters[purpose]);
    }

    this.versionKeys(keyVersion).masters = { ...masters };
    await this.save();
  }

  async deriveCardKeys(cardNumber: string, keyVersion: number): Promise<CardKeys> {
    assertCardNumber(cardNumber);

    const keys = this.requireVersion(keyVersion);

    return deriveCardKeysWith(
      (purpose) => {
        const master = keys.masters[purpose];

        if (!master) {
          throw missingKey(keyVersion, purpose);
        }

        return (block) => aesCmac(master, block);
      },
      cardNumber,
      keyVersion,
    );
  }

  async signWithIssuerKey(keyVersion: number, data: Buffer): Promise<Buffer> {
    return sign('sha256', data, { dsaEncoding: 'ieee-p1363', key: this.issuerKey(keyVersion) });
  }

  async issuerPublicKey(keyVersion: number): Promise<Buffer> {
    return pointFromPublicKey(createPublicKey(this.issuerKey(keyVersion)));
  }

  async close(): Promise<void> {
    this.versions.clear();
  }

  private versionKeys(keyVersion: number): VersionKeys {
    let keys = this.versions.get(keyVersion);

    if (!keys) {
      keys = { masters: {} };
      this.versions.set(keyVersion, keys);
    }

    return keys;
  }

  private requireVersion(keyVersion: number): VersionKeys {
    assertKeyVersion(keyVersion);

    const keys = this.versions.get(keyVersion);

    if (!keys) {
      throw missingKey(keyVersion, 'keys');
    }

    return keys;
  }

  private issuerKey(keyVersion: number): KeyObject {
    const issuer = this.requireVersion(keyVersion).issuer;

    if (!issuer) {
      throw missingKey(keyVersion, 'issuer');
    }

    return issuer;
  }

  private async save(): Promise<void> {
    if (!this.keyFile) {
      return;
    }

    const file: KeyFile = { versions: {} };

    for (const [version, keys] of this.versions) {
      const masters: Partial<Record<KeyPurpose, string>> = {};

      for (const purpose of KEY_PURPOSES) {
        masters[purpose] = keys.masters[purpose]?.toString('hex');
      }

      file.versions[String(version)] = {
        issuer: keys.issuer?.export({ format: 'pem', type: 'pkcs8' }).toString(),
        masters,
      };
    }

    // Write then rename, so a crash never leaves a half-written key file.
    const temporary = `${this.keyFile}.${process.pid}.tmp`;

    await writeFile(temporary, JSON.stringify(file, null, 2), { mode: 0o600 });
    await rename(temporary, this.keyFile);
  }
}

function missingKey(keyVersion: number, name: string): CardKeyError {
  return new CardKeyError(
    'KEY_NOT_FOUND',
    `key store has no ${name} key of key version ${keyVersion}; start the version first`,
  );
}

async function readKeyFile(path: string): Promise<Map<number, VersionKeys>> {
  let text: string;

  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return new Map();
    }

    throw error;
  }

  let file: KeyFile;

  try {
    file = JSON.parse(text) as KeyFile;
  } catch (error) {
    throw new CardKeyError(
      'KEY_STORE_FAILED',
      `key file ${path} is not valid JSON: ${String(error)}`,
    );
  }

  const versions = new Map<number, VersionKeys>();

  for (const [version, stored] of Object.entries(file.versions)) {
    const masters: Partial<Record<KeyPurpose, Buffer>> = {};

    for (const purpose of KEY_PURPOSES) {
      const hex = stored.masters[purpose];

      masters[purpose] = hex === undefined ? undefined : Buffer.from(hex, 'hex');
    }

    versions.set(Number(version), {
      issuer: stored.issuer === undefined ? undefined : createPrivateKey(stored.issuer),
      masters,
    });
  }

  return versions;
}
