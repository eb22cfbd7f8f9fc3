import { Injectable } from '@nestjs/common';

import type { Db } from '../identities/identity.repository';
import type { Agency as AgencyRow, AgencyPolicy as PolicyRow } from '../generated/prisma/client';

import type { Agency, AgencyPolicy, AgencyStatus, PolicyChange } from './agency';
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

function toAgency(row: AgencyRow): Agency {
  return {
    createdAt: row.createdAt,
    name: row.name,
    serviceId: row.serviceId,
    status: row.status,
    statusChangedAt: row.statusChangedAt,
    statusReason: row.statusReason,
  };
}

/** Reads and writes agencies, their status and their policy versions. */
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

    return row === null ? undefined : toAgency(row);
  }

  /** Returns the agency's status, or undefined when no agency has the service id. */
  async status(db: Db, serviceId: string): Promise<AgencyStatus | undefined> {
    const row = await db.agency.findUnique({ select: { status: true }, where: { serviceId } });

    return row?.status;
  }

  async setStatus(
    db: Db,
    serviceId: string,
    change: { reason: string; status: AgencyStatus },
  ): Promise<Agency> {
    const row = await db.agency.update({
      data: { status: change.status, statusChangedAt: new Date(), statusReason: change.reason },
      where: { serviceId },
    });

    return toAgency(row);
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
}
