import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

import type { AgencyStatus } from './agency';
import { AgencyRepository } from './agency.repository';
import { AGENCY_CACHE_MAX_ENTRIES, AGENCY_CACHE_TTL_MS } from './cache-lifetime';
import { TtlCache } from './ttl-cache';

/**
 * Reads whether an agency exists and is active, for every request an agency token makes,
 * reusing what it read for a few seconds.
 */
@Injectable()
export class AgencyStatuses {
  private readonly cache = new TtlCache<AgencyStatus | null>(
    AGENCY_CACHE_TTL_MS,
    AGENCY_CACHE_MAX_ENTRIES,
  );

  constructor(
    private readonly agencies: AgencyRepository,
    private readonly prisma: PrismaService,
  ) {}

  /** Returns the agency's status, or undefined when no agency has the service id. */
  async current(serviceId: string): Promise<AgencyStatus | undefined> {
    const cached = this.cache.get(serviceId);

    if (cached !== undefined) return cached ?? undefined;

    const status = await this.agencies.status(this.prisma, serviceId);

    // Unknown ids are cached too, so tokens naming no agency cost one query per 5 seconds. The
    // cache drops its oldest entry when full, so a flood of unknown ids cannot grow it.
    this.cache.set(serviceId, status ?? null);

    return status;
  }

  /** Drops the cached status of an agency that has just been created, suspended or reinstated. */
  forget(serviceId: string): void {
    this.cache.delete(serviceId);
  }
}
