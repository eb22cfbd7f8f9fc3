import { Injectable } from '@nestjs/common';

import type { ServiceStatus } from '@bitaqa/contracts';

import { PrismaService } from '../../database/prisma.service';
import type { ServiceApplication, ServiceSlot } from '../../generated/prisma/client';
import { ServiceNotFoundError } from '../applications/application-errors';
import { toSlotView } from '../applications/application-view';
import type { SlotView } from '../application';

/** A service as the public catalog lists it: no contact details, credentials or checks. */
export interface CatalogEntry {
  agency: string;
  attributes: string[];
  id: string;
  name: string;
  purpose: { code: string; text: string };
  slot: (SlotView & { ownKey: boolean }) | null;
  status: ServiceStatus;
  topics: { domain: string; read: string[]; write: string[] };
}

/** Services shown in the catalog: active, suspended or revoked, never mere applications. */
const CATALOG_STATUSES = ['active', 'suspended', 'revoked'] as const;

function toCatalogEntry(row: ServiceApplication & { slot: ServiceSlot | null }): CatalogEntry {
  return {
    agency: row.agency,
    attributes: row.attributes,
    id: row.serviceId,
    name: row.name,
    purpose: { code: row.purposeCode, text: row.purposeText },
    slot: row.slot === null ? null : { ...toSlotView(row.slot), ownKey: row.needsOwnKey },
    status: row.status,
    topics: { domain: row.topicDomain, read: row.readTopics, write: row.writeTopics },
  };
}

/** The public catalog of services on the card. */
@Injectable()
export class CatalogService {
  constructor(private readonly prisma: PrismaService) {}

  /** Lists the latest service of each service id, by service id. */
  async list(): Promise<CatalogEntry[]> {
    const rows = await this.prisma.serviceApplication.findMany({
      distinct: ['serviceId'],
      include: { slot: true },
      orderBy: [{ serviceId: 'asc' }, { createdAt: 'desc' }],
      where: { status: { in: [...CATALOG_STATUSES] } },
    });

    return rows.map(toCatalogEntry);
  }

  async get(serviceId: string): Promise<CatalogEntry> {
    const row = await this.prisma.serviceApplication.findFirst({
      include: { slot: true },
      orderBy: { createdAt: 'desc' },
      where: { serviceId, status: { in: [...CATALOG_STATUSES] } },
    });

    if (row === null) throw new ServiceNotFoundError(serviceId);

    return toCatalogEntry(row);
  }
}
