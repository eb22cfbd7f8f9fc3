import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';

import { Pkcs11KeyStore, SoftwareKeyStore, type KeyStore } from '@bitaqa/card-keys';
import { errorFields, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { loadKeyStoreConfig, type KeyStoreConfig } from './key-store-config';

/** Injection token of the process's `KeyStore`. */
export const KEY_STORE = Symbol('KEY_STORE');

/** Opens the key store that `config` names; logs its kind but never the PIN. */
export async function openKeyStore(config: KeyStoreConfig, logger: Logger): Promise<KeyStore> {
  if (config.kind === 'pkcs11') {
    const store = await Pkcs11KeyStore.open(config);

    logger.info(
      { modulePath: config.modulePath, slotId: config.slotId, tokenLabel: config.tokenLabel },
      'PKCS#11 key store opened',
    );

    return store;
  }

  const store = await SoftwareKeyStore.open({ keyFile: config.keyFile });

  if (config.keyFile) {
    logger.info({ keyFile: config.keyFile }, 'software key store opened');
  } else {
    logger.warn({}, 'software key store keeps keys in memory only; they are lost at restart');
  }

  return store;
}

/** Provides the key store configured by the environment; see `loadKeyStoreConfig`. */
export const keyStoreProvider: Provider = {
  inject: [LOGGER],
  provide: KEY_STORE,
  useFactory: (logger: Logger) => openKeyStore(loadKeyStoreConfig(), logger),
};

/** Closes the key store after the HTTP server and consumers stop. */
@Injectable()
export class KeyStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(KEY_STORE) private readonly store: KeyStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.store.close();
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'closing the key store failed');
    }
  }
}
