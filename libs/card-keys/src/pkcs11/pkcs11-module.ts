import type * as Pkcs11js from 'pkcs11js';
import { pkcs11js } from './pkcs11js-loader';

/**
 * One loaded PKCS#11 library per path. C_Initialize and C_Finalize act on the whole library in
 * the process, so stores that share a library share one handle and the last to close finalizes.
 */
interface LoadedModule {
  module: Pkcs11js.PKCS11;
  users: number;
}

const loaded = new Map<string, LoadedModule>();

export function acquireModule(path: string): Pkcs11js.PKCS11 {
  const existing = loaded.get(path);

  if (existing) {
    existing.users += 1;

    return existing.module;
  }

  const module = new (pkcs11js().PKCS11)();

  module.load(path);

  try {
    module.C_Initialize();
  } catch (error) {
    if (!isPkcs11Error(error, pkcs11js().CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
      module.close();
      throw error;
    }
  }

  loaded.set(path, { module, users: 1 });

  return module;
}

export function releaseModule(path: string): void {
  const entry = loaded.get(path);

  if (!entry) {
    return;
  }

  entry.users -= 1;

  if (entry.users === 0) {
    loaded.delete(path);
    entry.module.C_Finalize();
    entry.module.close();
  }
}

export function isPkcs11Error(error: unknown, code: number): boolean {
  return error instanceof pkcs11js().Pkcs11Error && error.code === code;
}
