import { Injectable } from '@nestjs/common';

import type { DbTransaction } from '../../database/transaction';
import type { ServiceApplication } from '../../generated/prisma/client';
import type { CheckContext } from '../checks/check-context';
import { ServiceSlots } from '../slots/service-slots';

import { APPLICATION_INCLUDE, type ApplicationRecord } from './application-view';

/** Statuses of a service that has been approved and not revoked. */
const LIVE_SERVICE_STATUSES = ['provisioning', 'active', 'suspended'] as const;

/** Queries of service applications shared by the submission, decision and catalog code. */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly slots: ServiceSlots) {}

  async find(tx: DbTransaction, id: string): Promise<ApplicationRecord | null> {
    return tx.serviceApplication.findUnique({ include: APPLICATION_INCLUDE, where: { id } });
  }

  /** Locks the application row until the transaction ends. */
  async lock(tx: DbTransaction, id: string): Promise<ServiceApplication | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM service_applications WHERE id = ${id}::uuid FOR UPDATE`;

    return rows.length === 0 ? null : tx.serviceApplication.findUnique({ where: { id } });
  }

  /** Finds the approved, unrevoked service with this id. */
  async findLiveService(tx: DbTransaction, serviceId: string): Promise<ServiceApplication | null> {
    return tx.serviceApplication.findFirst({
      where: { serviceId, status: { in: [...LIVE_SERVICE_STATUSES] } },
    });
  }

  /** Loads every other live service and the slot usage, which the technical checks compare against. */
  async checkContext(tx: DbTransaction, applicationId?: string): Promise<CheckContext> {
    const others = await tx.serviceApplication.findMany({
      select: { agency: true, serviceId: true, topicDomain: true, writeTopics: true },
      where: {
        status: { in: [...LIVE_SERVICE_STATUSES] },
        ...(applicationId === undefined ? {} : { id: { not: applicationId } }),
      },
    });

    return { otherServices: others, slotUsage: await this.slots.usage(tx, applicationId) };
  }
}
