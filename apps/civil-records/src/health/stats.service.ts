import { Injectable } from '@nestjs/common';

import { PrismaService } from '../infrastructure/prisma.service';

export interface RegisterStats {
  activeMarriages: number;
  deaths: number;
  families: number;
  livingPersons: number;
  marriages: number;
  /** Outbox events not yet published to Kafka. */
  pendingEvents: number;
  persons: number;
}

const COUNTS = `
SELECT
  (SELECT count(*) FROM persons)::int AS persons,
  (SELECT count(*) FROM persons WHERE date_of_death IS NULL)::int AS living_persons,
  (SELECT count(*) FROM persons WHERE date_of_death IS NOT NULL)::int AS deaths,
  (SELECT count(*) FROM families)::int AS families,
  (SELECT count(*) FROM marriages)::int AS marriages,
  (SELECT count(*) FROM marriages WHERE status = 'active')::int AS active_marriages,
  (SELECT count(*) FROM outbox_events WHERE sent_at IS NULL)::int AS pending_events`;

interface CountsRow {
  active_marriages: number;
  deaths: number;
  families: number;
  living_persons: number;
  marriages: number;
  pending_events: number;
  persons: number;
}

@Injectable()
export class StatsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Counts persons, living persons, deaths, families and marriages in one query. */
  async counts(): Promise<RegisterStats> {
    const [row] = await this.prisma.$queryRawUnsafe<CountsRow[]>(COUNTS);

    if (!row) throw new Error('the register counts query returned no row');

    return {
      activeMarriages: row.active_marriages,
      deaths: row.deaths,
      families: row.families,
      livingPersons: row.living_persons,
      marriages: row.marriages,
      pendingEvents: row.pending_events,
      persons: row.persons,
    };
  }
}
