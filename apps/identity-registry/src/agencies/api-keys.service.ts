import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';

import type { IssuedApiKey } from './agency';
import { AgencyRepository } from './agency.repository';
import { agencyNotFound } from './agency-errors';
import { AGENCY_CACHE_MAX_ENTRIES, AGENCY_CACHE_TTL_MS } from './cache-lifetime';
import { TtlCache } from './ttl-cache';

/** Every agency key starts with this, so a leaked key is easy to recognise in logs and scans. */
export const API_KEY_PREFIX = 'bqk_';

/** Characters of the key kept in the clear to tell keys apart: the prefix and 8 more. */
const VISIBLE_KEY_LENGTH = API_KEY_PREFIX.length + 8;

/** SHA-256 of the key, hex. Keys carry 256 random bits, so a fast digest suffices. */
export function apiKeyDigest(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export interface ActiveApiKey {
  id: string;
  serviceId: string;
}

/** Issues, revokes and checks agency API keys. Only the digest of a key is ever stored. */
@Injectable()
export class ApiKeys {
  private readonly cache = new TtlCache<ActiveApiKey>(
    AGENCY_CACHE_TTL_MS,
    AGENCY_CACHE_MAX_ENTRIES,
  );

  constructor(
    private readonly agencies: AgencyRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** @throws NotFoundError AGENCY_NOT_FOUND for an unknown service id. */
  async issue(serviceId: string): Promise<IssuedApiKey> {
    if ((await this.agencies.find(this.prisma, serviceId)) === undefined) {
      throw agencyNotFound(serviceId);
    }

    const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const summary = await this.agencies.insertKey(this.prisma, {
      id: randomUUID(),
      keyHash: apiKeyDigest(apiKey),
      keyPrefix: apiKey.slice(0, VISIBLE_KEY_LENGTH),
      serviceId,
    });

    this.logger.info({ keyId: summary.id, serviceId }, 'agency api key issued');

    return { ...summary, apiKey, serviceId };
  }

  /** Revokes a key; revoking it again changes nothing. @throws NotFoundError API_KEY_NOT_FOUND */
  async revoke(serviceId: string, keyId: string): Promise<void> {
    if (!(await this.agencies.revokeKey(this.prisma, serviceId, keyId))) {
      throw new NotFoundError('API_KEY_NOT_FOUND', `agency ${serviceId} has no key ${keyId}`, {
        field: 'keyId',
        hint: 'GET /agencies/:serviceId lists the agency keys',
        value: keyId,
      });
    }

    this.cache.deleteWhere((key) => key.id === keyId);
    this.logger.info({ keyId, serviceId }, 'agency api key revoked');
  }

  /** Returns the active key matching the presented one, or undefined. */
  async findActive(apiKey: string): Promise<ActiveApiKey | undefined> {
    const digest = apiKeyDigest(apiKey);
    const cached = this.cache.get(digest);

    if (cached !== undefined) return cached;

    const found = await this.agencies.findActiveKey(this.prisma, digest);

    // Only known keys are cached, so random keys sent by a prober cannot fill the cache.
    if (found !== undefined) this.cache.set(digest, found);

    return found;
  }
}
