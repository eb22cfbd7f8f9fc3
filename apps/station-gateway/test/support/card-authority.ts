import type { CardSecrets } from '@bitaqa/card';
import { generateP256KeyPair, issueCardCertificate, type KeyStore } from '@bitaqa/card-keys';
import { createTestDatabase, serviceAddresses, testAuthorization } from '@bitaqa/testing';

// The station reaches the card authority over HTTP only; this test support starts the real
// service beside it and signs card certificates with its key store, as personalization would.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadAuthorityAuthConfig } from '../../../card-authority/src/auth/auth-config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bootstrap } from '../../../card-authority/src/bootstrap';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { KEY_STORE } from '../../../card-authority/src/keys/key-store.provider';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { KeyVersionsService } from '../../../card-authority/src/keys/key-versions.service';

import type { JsonResponse } from './http';

/** The card authority on its own test database, sharing the station's topic prefix. */
export interface TestCardAuthority {
  /**
   * Certifies a new key pair for the card with the issuer key of the active version, and derives
   * the card's keys. The authority records no card for it.
   */
  cardSecrets(cardNumber: string): Promise<CardSecrets>;
  close(): Promise<void>;
  /** GET of an authority path without a token, as a station calls the public endpoints. */
  get<T>(path: string): Promise<JsonResponse<T>>;
  /** POST of an authority path with a card authority officer's token. */
  postAsOfficer<T>(path: string, body: unknown): Promise<JsonResponse<T>>;
  url: string;
}

export async function startCardAuthority(prefix: string): Promise<TestCardAuthority> {
  const database = await createTestDatabase('station_authority');
  const running = await bootstrap(
    {
      databaseUrl: database.url,
      expiryIntervalMs: 0,
      host: '127.0.0.1',
      hotlistRebuildBatchSize: 500,
      kafkaBrokers: serviceAddresses().kafkaBrokers,
      kafkaGroupId: `${prefix}card-authority`,
      kafkaTopicPrefix: prefix,
      logLevel: process.env.LOG_LEVEL ?? 'silent',
      migrateOnStart: true,
      port: 0,
    },
    {
      auth: {
        ...loadAuthorityAuthConfig(),
        bootstrapClientsFile: null,
        redisKeyPrefix: `${prefix}card-authority:`,
      },
    },
  );
  const url = `http://127.0.0.1:${running.port}`;
  const officer = await testAuthorization({
    audience: 'card-authority',
    scopes: ['authority:officer'],
  });
  const keyStore = running.app.get<symbol, KeyStore>(KEY_STORE);
  const versions = running.app.get(KeyVersionsService);

  return {
    cardSecrets: async (cardNumber) => {
      const keyVersion = (await versions.active()).version;
      const pair = generateP256KeyPair();
      const certificate = await issueCardCertificate(
        {
          cardNumber,
          keyVersion,
          notAfter: '2031-12-31',
          notBefore: new Date().toISOString().slice(0, 10),
          publicKey: pair.publicPoint,
        },
        (version, data) => keyStore.signWithIssuerKey(version, data),
      );

      return {
        certificate,
        keys: await keyStore.deriveCardKeys(cardNumber, keyVersion),
        signingKey: pair.privateKey,
      };
    },
    close: async () => {
      await running.close();
      await database.drop();
    },
    get: async <T>(path: string) => {
      const response = await fetch(`${url}${path}`);

      return { body: (await response.json()) as T, status: response.status };
    },
    postAsOfficer: async <T>(path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, {
        body: JSON.stringify(body),
        headers: { authorization: officer, 'content-type': 'application/json' },
        method: 'POST',
      });

      return { body: (await response.json()) as T, status: response.status };
    },
    url,
  };
}
