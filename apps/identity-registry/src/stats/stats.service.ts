import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

export interface RegistryStats {
  active: number;
  deceased: number;
  /** Identities whose family role is head, living or not. */
  heads: number;
  identities: number;
}

/** Counts identities for operators and dashboards. */
@Injectable()
export class StatsService {
  constructor(private readonly prisma: PrismaService) {}

  async stats(): Promise<RegistryStats> {
    const rows = await this.prisma.$queryRaw<
      Array<{ active: number; deceased: number; heads: number; identities: number }>
    >`
      SELECT count(*)::int AS identities,
             count(*) FILTER (WHERE status = 'active')::int AS active,
             count(*) FILTER (WHERE status = 'deceased')::int AS deceased,
             count(*) FILTER (WHERE family_role = 'head')::int AS heads
      FROM identities`;
    const row = rows[0];

    return {
      active: row?.active ?? 0,
      deceased: row?.deceased ?? 0,
      heads: row?.heads ?? 0,
      identities: row?.identities ?? 0,
    };
  }
}
