import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';

import {
  issueIssuerCertificate,
  MAX_KEY_VERSION,
  parseCertificate,
  pointToPem,
  type KeyStore,
} from '@bitaqa/card-keys';
import { ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../database/transaction';
import type { KeyVersion as KeyVersionRow } from '../generated/prisma/client';
import { withKeyStore } from './key-store-errors';
import { KEY_STORE } from './key-store.provider';
import { countCardsOnVersion } from './key-version-cards';
import { recordKeyVersionChange } from './key-version-events';
import { toKeyVersionView, type IssuerCertificateView, type KeyVersionView } from './key-version';

/**
 * Years an issuer certificate is valid. A card certificate ends with the card, five years after
 * issue, so a version may stay active for ten years and still outlive every card it certified.
 */
export const ISSUER_CERTIFICATE_YEARS = 15;

/** pg_advisory_xact_lock key that serializes starting and retiring key versions. */
const KEY_VERSION_LOCK = 7_310_190_001;

/** Status the previous active version moves to when a new version starts. */
export type PreviousVersionStatus = 'retired' | 'retiring';

/** Actor recorded for changes the service makes itself, such as starting version 1 at first boot. */
export const SYSTEM_ACTOR = 'card-authority';

/**
 * Options of a retirement: the actor for the audit log, and `force` with a `reason` to retire a
 * version with cards still on it. Those cards can no longer be keyed or re-keyed.
 */
export interface RetireOptions {
  actor: string;
  force?: boolean;
  reason?: string;
}

export interface StartOptions extends RetireOptions {
  /** Start version 1 only when no version exists yet. */
  onlyFirst?: boolean;
}

function addYears(date: Date, years: number): string {
  const later = new Date(date);

  later.setUTCFullYear(later.getUTCFullYear() + years);
  later.setUTCDate(later.getUTCDate() - 1);

  return later.toISOString().slice(0, 10);
}

/** Starts, lists and retires issuer key versions; the keys themselves live in the key store. */
@Injectable()
export class KeyVersionsService implements OnApplicationBootstrap {
  constructor(
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Starts version 1 on first boot and reports versions whose keys the store lacks. */
  async onApplicationBootstrap(): Promise<void> {
    const versions = await this.prisma.keyVersion.findMany({
      where: { status: { not: 'retired' } },
    });

    if (versions.length === 0) {
      await this.start('retiring', { actor: SYSTEM_ACTOR, onlyFirst: true });

      return;
    }

    for (const row of versions) {
      if (!(await this.keyStore.hasVersionKeys(row.version))) {
        this.logger.error(
          { keyStore: this.keyStore.kind, keyVersion: row.version },
          'key store lacks the keys of a key version; cards of that version cannot be keyed',
        );
      }
    }
  }

  async list(): Promise<KeyVersionView[]> {
    const rows = await this.prisma.keyVersion.findMany({ orderBy: { version: 'desc' } });

    return rows.map(toKeyVersionView);
  }

  /**
   * Creates the keys of the next version in the key store, issues its self-signed issuer
   * certificate and makes it the active version. The previous active version becomes `previous`;
   * moving it straight to `retired` follows the rules of `retire`. Key creation is idempotent, so
   * a failed start can be retried. With `onlyFirst`, it starts version 1 only when no version
   * exists yet, so instances that boot together start one version.
   */
  async start(previous: PreviousVersionStatus, options: StartOptions): Promise<KeyVersionView> {
    const row = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_VERSION_LOCK}::bigint)`;

      const latest = await tx.keyVersion.findFirst({ orderBy: { version: 'desc' } });

      if (latest && options.onlyFirst) {
        return latest;
      }

      const version = (latest?.version ?? 0) + 1;

      if (version > MAX_KEY_VERSION) {
        throw new RuleViolationError(
          'KEY_VERSIONS_EXHAUSTED',
          `no key version after ${MAX_KEY_VERSION}`,
        );
      }

      const current = await tx.keyVersion.findFirst({ where: { status: 'active' } });
      const cardsRemaining = current ? await this.countForMove(tx, current, previous, options) : 0;
      const issuerCertificate = await this.createVersionKeys(version);
      const now = new Date();

      if (current) {
        const moved = await tx.keyVersion.update({
          data: {
            retiredAt: previous === 'retired' ? now : null,
            retiringAt: now,
            status: previous,
          },
          where: { version: current.version },
        });

        await recordKeyVersionChange(tx, moved, this.change(options, cardsRemaining), now);
      }

      const created = await tx.keyVersion.create({
        data: { issuerCertificate: Uint8Array.from(issuerCertificate), status: 'active', version },
      });

      await recordKeyVersionChange(tx, created, this.change({ actor: options.actor }, 0), now);

      return created;
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      { actor: options.actor, keyStore: this.keyStore.kind, keyVersion: row.version, previous },
      'key version started',
    );

    return toKeyVersionView(row);
  }

  /**
   * Retires a retiring version, so it derives no more card keys and certifies no more cards.
   * While cards remain on it the call fails with 409 `KEY_VERSION_HAS_CARDS`. With `force` and a
   * reason it succeeds, and the audit log records the retirement as forced.
   */
  async retire(version: number, options: RetireOptions): Promise<KeyVersionView> {
    const row = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_VERSION_LOCK}::bigint)`;

      const current = await this.requireVersion(tx, version);

      if (current.status === 'active') {
        throw new ConflictError(
          'KEY_VERSION_ACTIVE',
          `key version ${version} is the active version`,
          {
            field: 'version',
            hint: 'start a new version with POST /keys/versions first',
            value: version,
          },
        );
      }

      if (current.status === 'retired') {
        throw new ConflictError(
          'KEY_VERSION_RETIRED',
          `key version ${version} is retired already`,
          {
            field: 'version',
            value: version,
          },
        );
      }

      const cardsRemaining = await this.assertRetirable(tx, current, options);
      const now = new Date();
      const retired = await tx.keyVersion.update({
        data: { retiredAt: now, status: 'retired' },
        where: { version },
      });

      await recordKeyVersionChange(tx, retired, this.change(options, cardsRemaining), now);

      return retired;
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      { actor: options.actor, forced: options.force === true, keyVersion: version },
      'key version retired',
    );

    return toKeyVersionView(row);
  }

  /** Returns the active version, for issuing new cards. */
  async active(): Promise<KeyVersionRow> {
    const row = await this.prisma.keyVersion.findFirst({ where: { status: 'active' } });

    if (!row) {
      throw new NotFoundError('NO_ACTIVE_KEY_VERSION', 'no key version is active', {
        hint: 'start one with POST /keys/versions',
      });
    }

    return row;
  }

  /** Returns one version, or 404 when it does not exist. */
  find(version: number): Promise<KeyVersionRow> {
    return this.requireVersion(this.prisma, version);
  }

  /** Returns the issuer certificate of `version`, or of the active version when omitted. */
  async issuerCertificate(version?: number): Promise<IssuerCertificateView> {
    const row = version === undefined ? await this.active() : await this.find(version);
    const certificate = parseCertificate(row.issuerCertificate);

    return {
      certificate: Buffer.from(row.issuerCertificate).toString('base64'),
      issuerReference: certificate.holderReference,
      notAfter: certificate.notAfter,
      notBefore: certificate.notBefore,
      publicKeyPem: pointToPem(certificate.publicKey),
      status: row.status,
      version: row.version,
    };
  }

  /**
   * Counts the cards still on `row` and rejects the retirement while any remain, unless it is
   * forced with a reason. Returns the count for the audit log.
   */
  private async assertRetirable(
    tx: DbTransaction,
    row: KeyVersionRow,
    options: RetireOptions,
  ): Promise<number> {
    const cardsRemaining = await countCardsOnVersion(tx, row.version);

    if (cardsRemaining > 0 && options.force !== true) {
      throw new ConflictError(
        'KEY_VERSION_HAS_CARDS',
        `${cardsRemaining} cards are still on key version ${row.version}`,
        {
          field: 'version',
          hint:
            `re-key or replace them (GET /keys/versions/${row.version}/cards lists them), ` +
            'or retire with force and a reason',
          value: row.version,
        },
      );
    }

    if (options.force === true && !options.reason) {
      throw new RuleViolationError('REASON_REQUIRED', 'a forced retirement needs a reason', {
        field: 'reason',
        hint: 'say why the cards left on the version may stop working',
      });
    }

    return cardsRemaining;
  }

  /** Counts the cards on the version that moves to `previous`; retiring it follows `retire`. */
  private countForMove(
    tx: DbTransaction,
    row: KeyVersionRow,
    previous: PreviousVersionStatus,
    options: RetireOptions,
  ): Promise<number> {
    return previous === 'retired'
      ? this.assertRetirable(tx, row, options)
      : countCardsOnVersion(tx, row.version);
  }

  private change(options: RetireOptions, cardsRemaining: number) {
    return {
      actor: options.actor,
      cardsRemaining,
      forced: options.force === true && cardsRemaining > 0,
      reason: options.reason ?? null,
    };
  }

  private async createVersionKeys(version: number): Promise<Buffer> {
    return withKeyStore(`creating the keys of key version ${version}`, async () => {
      await this.keyStore.ensureVersionKeys(version);

      const today = new Date();

      return issueIssuerCertificate(
        {
          keyVersion: version,
          notAfter: addYears(today, ISSUER_CERTIFICATE_YEARS),
          notBefore: today.toISOString().slice(0, 10),
          publicKey: await this.keyStore.issuerPublicKey(version),
        },
        (keyVersion, data) => this.keyStore.signWithIssuerKey(keyVersion, data),
      );
    });
  }

  private async requireVersion(
    client: DbTransaction | PrismaService,
    version: number,
  ): Promise<KeyVersionRow> {
    const row = await client.keyVersion.findUnique({ where: { version } });

    if (!row) {
      throw new NotFoundError('KEY_VERSION_NOT_FOUND', `key version ${version} does not exist`, {
        field: 'version',
        hint: 'GET /keys/versions lists the versions',
        value: version,
      });
    }

    return row;
  }
}
