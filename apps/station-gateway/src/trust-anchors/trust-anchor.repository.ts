import { Inject, Injectable } from '@nestjs/common';

import type { TrustAnchor } from '@bitaqa/card';

import type { SqliteTransaction } from '../sqlite/sqlite-transaction';
import { StationDatabase } from '../sqlite/station-database';

import type {
  CheckedIssuerCertificate,
  KeyVersionStatus,
  TrustAnchorSource,
} from './issuer-certificates';
import { TrustAnchorError } from './trust-anchor-error';

/** A stored trust anchor as GET /trust-anchors shows it. */
export interface TrustAnchorView {
  /** The self-signed issuer certificate, base64. */
  certificate: string;
  issuerReference: string;
  keyVersion: number;
  notAfter: string;
  notBefore: string;
  source: TrustAnchorSource;
  status: KeyVersionStatus;
  updatedAt: string;
}

interface TrustAnchorRow {
  certificate: Buffer;
  issuer_reference: string;
  key_version: number;
  not_after: string;
  not_before: string;
  public_key: Buffer;
  source: TrustAnchorSource;
  status: KeyVersionStatus;
  updated_at: string;
}

/** Returns the status an anchor moves to, which never leaves `retired`. */
function statusAfter(current: KeyVersionStatus, next: KeyVersionStatus): KeyVersionStatus {
  return current === 'retired' ? 'retired' : next;
}

/** The issuer certificates the station trusts, one per key version, in SQLite. */
@Injectable()
export class TrustAnchorRepository {
  constructor(@Inject(StationDatabase) private readonly database: StationDatabase) {}

  /**
   * Stores a checked issuer certificate, or updates the status of the stored one. A different
   * certificate for a stored key version is refused with TRUST_ANCHOR_CONFLICT and changes
   * nothing, so a wrong source cannot replace a key the station already trusts.
   */
  async save(anchor: CheckedIssuerCertificate): Promise<'created' | 'unchanged' | 'updated'> {
    return this.database.transaction(async (tx) => {
      const [existing] = await tx.$queryRawUnsafe<TrustAnchorRow[]>(
        'SELECT * FROM trust_anchors WHERE key_version = $1',
        anchor.keyVersion,
      );

      if (!existing) {
        await tx.$executeRawUnsafe(
          `INSERT INTO trust_anchors (key_version, certificate, issuer_reference, not_after,
             not_before, public_key, source, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          anchor.keyVersion,
          anchor.certificate,
          anchor.issuerReference,
          anchor.notAfter,
          anchor.notBefore,
          anchor.publicKey,
          anchor.source,
          anchor.status,
        );

        return 'created';
      }

      if (!Buffer.from(existing.certificate).equals(anchor.certificate)) {
        throw new TrustAnchorError(
          'TRUST_ANCHOR_CONFLICT',
          `the ${anchor.source} sent an issuer certificate for key version ${anchor.keyVersion} ` +
            `that differs from the one stored from the ${existing.source}; the stored one is kept`,
          { keyVersion: anchor.keyVersion, source: anchor.source },
        );
      }

      return this.updateStatus(tx, existing, anchor.status);
    });
  }

  /** The anchor of one key version, in the form the offline check takes. */
  find(keyVersion: number): TrustAnchor | undefined {
    const row = this.database.queryOne<TrustAnchorRow>(
      'SELECT * FROM trust_anchors WHERE key_version = $1',
      keyVersion,
    );

    if (!row) return undefined;

    return {
      issuerReference: row.issuer_reference,
      keyVersion: row.key_version,
      notAfter: row.not_after,
      publicKey: Buffer.from(row.public_key),
      retired: row.status === 'retired',
    };
  }

  list(): TrustAnchorView[] {
    const rows = this.database.query<TrustAnchorRow>(
      'SELECT * FROM trust_anchors ORDER BY key_version DESC',
    );

    return rows.map((row) => ({
      certificate: Buffer.from(row.certificate).toString('base64'),
      issuerReference: row.issuer_reference,
      keyVersion: row.key_version,
      notAfter: row.not_after,
      notBefore: row.not_before,
      source: row.source,
      status: row.status,
      updatedAt: row.updated_at,
    }));
  }

  private async updateStatus(
    tx: SqliteTransaction,
    existing: TrustAnchorRow,
    requested: KeyVersionStatus,
  ): Promise<'unchanged' | 'updated'> {
    const status = statusAfter(existing.status, requested);

    if (status === existing.status) return 'unchanged';

    await tx.$executeRawUnsafe(
      'UPDATE trust_anchors SET status = $2, updated_at = $3 WHERE key_version = $1',
      existing.key_version,
      status,
      new Date(),
    );

    return 'updated';
  }
}
