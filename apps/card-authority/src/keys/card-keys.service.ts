import { Inject, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';

import {
  assertCardNumber,
  generateP256KeyPair,
  issueCardCertificate,
  parseCertificate,
  type CardKeys,
  type KeyStore,
} from '@bitaqa/card-keys';
import { RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { withKeyStore } from './key-store-errors';
import { KEY_STORE } from './key-store.provider';
import { KeyVersionsService } from './key-versions.service';

/** Credentials that personalization writes to a card besides its data. */
export interface CardCredentials {
  /** The card's certificate in the compact format, signed by the issuer key. */
  certificate: Buffer;
  keys: CardKeys;
  keyVersion: number;
  /** The card's P-256 private key, for the card only; it is not stored here. */
  privateKey: KeyObject;
  publicKey: Buffer;
}

/** Validity of a card certificate: UTC calendar days, both included. */
export interface CertificateValidity {
  notAfter: string;
  notBefore: string;
}

/**
 * Derives card keys and certifies card key pairs, for personalization. New cards use the active
 * key version; a card of a retiring version can still be keyed, one of a retired version cannot.
 */
@Injectable()
export class CardKeysService {
  constructor(
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly versions: KeyVersionsService,
  ) {}

  /** Derives the card's keys under `keyVersion`, or under the active version when omitted. */
  async deriveCardKeys(cardNumber: string, keyVersion?: number): Promise<CardKeys> {
    assertCardNumber(cardNumber);

    const version =
      keyVersion === undefined
        ? await this.versions.active()
        : await this.versions.find(keyVersion);

    if (version.status === 'retired') {
      throw new RuleViolationError(
        'KEY_VERSION_RETIRED',
        `key version ${version.version} is retired`,
        {
          field: 'keyVersion',
          hint: 're-key the card under the active key version',
          value: version.version,
        },
      );
    }

    return withKeyStore('deriving card keys', () =>
      this.keyStore.deriveCardKeys(cardNumber, version.version),
    );
  }

  /**
   * Issues the credentials of `certifyNewKeyPair` for personalization and records the active
   * version as the card's key version, which decides the cards counted on each version.
   */
  async issueCredentials(
    cardNumber: string,
    validity: CertificateValidity,
  ): Promise<CardCredentials> {
    const credentials = await this.certifyNewKeyPair(cardNumber, validity);

    await this.prisma.card.updateMany({
      data: { keyVersion: credentials.keyVersion },
      where: { cardNumber },
    });

    return credentials;
  }

  /**
   * Generates the card's P-256 key pair, certifies its public key under the active version and
   * stores the public key and certificate. The private key goes back to the caller only. The
   * validity may not end after the issuer certificate.
   */
  async certifyNewKeyPair(
    cardNumber: string,
    validity: CertificateValidity,
  ): Promise<CardCredentials> {
    assertCardNumber(cardNumber);

    const version = await this.versions.active();
    const issuer = parseCertificate(version.issuerCertificate);

    if (validity.notAfter > issuer.notAfter) {
      throw new RuleViolationError(
        'CERTIFICATE_OUTLIVES_ISSUER',
        `card certificate would end ${validity.notAfter}, after its issuer certificate (${issuer.notAfter})`,
        { field: 'notAfter', hint: 'start a new key version', value: validity.notAfter },
      );
    }

    const keys = await this.deriveCardKeys(cardNumber, version.version);
    const { privateKey, publicPoint } = generateP256KeyPair();
    const certificate = await withKeyStore('signing the card certificate', () =>
      issueCardCertificate(
        { cardNumber, keyVersion: version.version, publicKey: publicPoint, ...validity },
        (keyVersion, data) => this.keyStore.signWithIssuerKey(keyVersion, data),
      ),
    );
    // Prisma's Bytes fields take a Uint8Array over a plain ArrayBuffer, so the Buffers are copied.
    const stored = {
      certificate: Uint8Array.from(certificate),
      notAfter: new Date(`${validity.notAfter}T00:00:00Z`),
      notBefore: new Date(`${validity.notBefore}T00:00:00Z`),
      publicKey: Uint8Array.from(publicPoint),
    };

    await this.prisma.cardCertificate.upsert({
      create: { cardNumber, keyVersion: version.version, ...stored },
      update: stored,
      where: { cardNumber_keyVersion: { cardNumber, keyVersion: version.version } },
    });
    this.logger.info({ cardNumber, keyVersion: version.version }, 'card certificate issued');

    return { certificate, keys, keyVersion: version.version, privateKey, publicKey: publicPoint };
  }
}
