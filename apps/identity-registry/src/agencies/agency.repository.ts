import { Injectable } from '@nestjs/common';

import type { Db } from '../identities/identity.repository';
import type {
  AgencyApiKey as ApiKeyRow,
  AgencyPolicy as PolicyRow,
} from '../generated/prisma/client';

import type { Agency, AgencyPolicy, ApiKeySummary, PolicyChange } from './agency';
import { type IdentityAttribute, isIdentityAttribute } from './identity-attributes';

function toPolicy(row: PolicyRow): AgencyPolicy {
  return {
    approvalReference: row.approvalReference,
    approvedAt: row.createdAt,
    approvedBy: row.approvedBy,
    // The policy endpoint only stores known attributes; one dropped since is no longer granted.
    attributes: row.attributes.filter((name): name is IdentityAttribute =>
      isIdentityAttribute(name),
    ),
    purposes: row.purposes,
    requestsPerWindow: row.requestsPerWindow,
    serviceId: row.serviceId,
    version: row.version,
  };
}

function toKeySummary(row: ApiKeyRow): ApiKeySummary {
  return {
    createdAt: row.createdAt,
    id: row.id,
    keyPrefix: row.keyPrefix,
    revokedAt: row.revokedAt,
  };
}

/** Reads and writes agencies, their policy versions and their API keys. */
@Injectable()
export class AgencyRepository {
  /** Inserts the agency; returns false when the service id is taken. */
  async insert(db: Db, serviceId: string, name: string): Promise<boolean> {
    const result = await db.agency.createMany({
      data: [{ name, serviceId }],
      skipDuplicates: true,
    });

    return result.count === 1;
  }

  async find(db: Db, serviceId: string): Promise<Agency | undefined> {
    const row = await db.agency.findUnique({ where: { serviceId } });

    return row === null
      ? undefined
      : { createdAt: row.createdAt, name: row.name, serviceId: row.serviceId };
  }

  /** Locks the agency row until the transaction ends; returns false when there is none. */
  async lock(db: Db, serviceId: string): Promise<boolean> {
    const rows = await db.$queryRaw<unknown[]>`
      SELECT 1 FROM agencies WHERE service_id = ${serviceId} FOR UPDATE`;

    return rows.length === 1;
  }

  async currentPolicy(db: Db, serviceId: string): Promise<AgencyPolicy | undefined> {
    const row = await db.agencyPolicy.findFirst({
      orderBy: { version: 'desc' },
      where: { serviceId },
    });

    return row === null ? undefined : toPolicy(row);
  }

  async insertPolicy(
    db: Db,
    serviceId: string,
    version: number,
    change: PolicyChange,
  ): Promise<AgencyPolicy> {
    const row = await db.agencyPolicy.create({
      data: { ...change, serviceId, version },
    });

    return toPolicy(row);
  }

  async insertKey(
    db: Db,
    key: { id: string; keyHash: string; keyPrefix: string; serviceId: string },
  ): Promise<ApiKeySummary> {
    return toKeySummary(await db.agencyApiKey.create({ data: key }));
  }

  async keys(db: Db, serviceId: string): Promise<ApiKeySummary[]> {
    const rows = await db.agencyApiKey.findMany({
      orderBy: { createdAt: 'asc' },
      where: { serviceId },
    });

    return rows.map(toKeySummary);
  }

  /** Finds the key with this SHA-256 digest, if it exists and is not revoked. */
  async findActiveKey(
    db: Db,
    keyHash: string,
  ): Promise<{ id: string; serviceId: string } | undefined> {
    const row = await db.agencyApiKey.findUnique({
      select: { id: true, revokedAt: true, serviceId: true },
      where: { keyHash },
    });

    return row === null || row.revokedAt !== null
      ? undefined
      : { id: row.id, serviceId: row.serviceId };
  }

  /**
   * Marks the key revoked, keeping the first revocation time.
   *
   * @returns false when the agency has no key with this id.
   */
  async revokeKey(db: Db, serviceId: string, keyId: string): Promise<boolean> {
    const key = await db.agencyApiKey.findFirst({ where: { id: keyId, serviceId } });

    if (key === null) return false;
    if (key.revokedAt === null) {
      await db.agencyApiKey.update({ data: { revokedAt: new Date() }, where: { id: keyId } });
    }

    return true;
  }
}
