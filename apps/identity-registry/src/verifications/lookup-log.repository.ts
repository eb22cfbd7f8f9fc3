import { Injectable } from '@nestjs/common';

import type { Db } from '../identities/identity.repository';

import type {
  LookupCallerKind,
  LookupCallerView,
  LookupEntry,
  LookupPage,
  LookupView,
} from './lookup';

function callerOf(
  kind: LookupCallerKind,
  serviceId: string | null,
  agencyName: string | undefined,
): LookupCallerView {
  if (kind === 'operator') return { kind };

  return serviceId === null || agencyName === undefined
    ? null
    : { kind, name: agencyName, serviceId };
}

/** Writes the lookup log and reads one person's part of it, newest first. */
@Injectable()
export class LookupLogRepository {
  async record(db: Db, entry: LookupEntry): Promise<void> {
    // createMany skips reading the new row back, which create would do on every lookup.
    await db.identityLookup.createMany({ data: [entry] });
  }

  /** Lists lookups of one person with ids below `before`, newest first. */
  async listFor(
    db: Db,
    nationalNumber: string,
    page: { before?: bigint; limit: number },
  ): Promise<LookupPage> {
    const rows = await db.identityLookup.findMany({
      include: { agency: { select: { name: true } } },
      orderBy: { id: 'desc' },
      take: page.limit + 1,
      where: {
        nationalNumber,
        ...(page.before === undefined ? {} : { id: { lt: page.before } }),
      },
    });
    const items: LookupView[] = rows.slice(0, page.limit).map((row) => ({
      attributesReleased: row.attributesReleased,
      attributesRequested: row.attributesRequested,
      caller: callerOf(row.callerKind, row.serviceId, row.agency?.name),
      correlationId: row.correlationId,
      id: row.id.toString(),
      kind: row.kind,
      outcome: row.outcome,
      purpose: row.purpose,
      reference: row.reference,
      time: row.createdAt.toISOString(),
    }));

    return {
      items,
      limit: page.limit,
      nextBefore: rows.length > page.limit ? (items[items.length - 1]?.id ?? null) : null,
    };
  }
}
