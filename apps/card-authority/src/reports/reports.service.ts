import { Injectable } from '@nestjs/common';

import { CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';

import { PrismaService } from '../database/prisma.service';

export interface CardStats {
  byStatus: Record<CardStatus, number>;
  /** Queued cards whose personalization failed on every attempt. */
  personalizationFailed: number;
  total: number;
}

@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  async stats(): Promise<CardStats> {
    const groups = await this.prisma.card.groupBy({ _count: { _all: true }, by: ['status'] });
    const byStatus = Object.fromEntries(CARD_STATUSES.map((status) => [status, 0])) as Record<
      CardStatus,
      number
    >;

    for (const group of groups) byStatus[group.status] = group._count._all;

    const personalizationFailed = await this.prisma.card.count({
      where: { personalizationFailed: true, status: 'queued' },
    });
    const total = Object.values(byStatus).reduce((sum, count) => sum + count, 0);

    return { byStatus, personalizationFailed, total };
  }
}
