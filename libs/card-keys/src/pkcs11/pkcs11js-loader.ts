import type * as Pkcs11js from 'pkcs11js';

let loaded: typeof Pkcs11js | undefined;

/**
 * Loads the pkcs11js native addon on first use. Importing `@bitaqa/card-keys` then costs
 * nothing for processes that never open a PKCS#11 store, such as station gateways, which only
 * verify certificates and must run where the addon is not built.
 */
export function pkcs11js(): typeof Pkcs11js {
  // A static import would load the addon with the package barrel.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('pkcs11js') as typeof Pkcs11js;

  return loaded;
}
