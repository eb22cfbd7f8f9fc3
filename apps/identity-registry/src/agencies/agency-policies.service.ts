import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

import type { AgencyPolicy } from './agency';
import { AgencyRepository } from './agency.repository';
import { AGENCY_CACHE_MAX_ENTRIES, AGENCY_CACHE_TTL_MS } from './cache-lifetime';
import { TtlCache } from './ttl-cache';

/** Reads the policy in force for an agency, reusing what it read for a few seconds. */
@Injectable()
export class AgencyPolicies {
  private readonly cache = new TtlCache<AgencyPolicy | null>(
    AGENCY_CACHE_TTL_MS,
    AGENCY_CACHE_MAX_ENTRIES,
  );

  constructor(
    private readonly agencies: AgencyRepository,
    private readonly prisma: PrismaService,
  ) {}

  /** Returns the policy in force, or undefined while the agency has none approved. */
  async current(serviceId: string): Promise<AgencyPolicy | undefined> {
    const cached = this.cache.get(serviceId);

    if (cached !== undefined) return cached ?? undefined;

    const policy = await this.agencies.currentPolicy(this.prisma, serviceId);

    this.cache.set(serviceId, policy ?? null);

    return policy;
  }

  /** Drops the cached policy of an agency whose policy has just changed. */
  forget(serviceId: string): void {
    this.cache.delete(serviceId);
  }
}
