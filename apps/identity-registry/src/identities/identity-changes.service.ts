import { Inject, Injectable } from '@nestjs/common';

import { IdentityUpdated } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { IdentityCache } from '../cache/identity-cache.service';
import { LOGGER } from '../core.module';
import type { UnitOfWork } from '../database/unit-of-work';
import { EVENT_SOURCE } from '../messaging/event-source';

import {
  type Identity,
  type IdentityState,
  identityUpdatedData,
  sameIdentityState,
} from './identity';
import { IdentityRepository } from './identity.repository';

export type ChangeOutcome = 'created' | 'unchanged' | 'updated';

/**
 * The one place identities are written. Every write bumps the version and publishes
 * IdentityUpdated with the full state through the outbox in the same transaction. An update
 * also drops the cached copy once the transaction has committed. A state equal to the stored
 * one writes and publishes nothing.
 */
@Injectable()
export class IdentityChanges {
  constructor(
    private readonly cache: IdentityCache,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async apply(
    unit: UnitOfWork,
    current: Identity | undefined,
    next: IdentityState,
  ): Promise<ChangeOutcome> {
    if (current !== undefined && sameIdentityState(current, next)) return 'unchanged';

    const identity: Identity = {
      ...next,
      updatedAt: new Date(),
      version: (current?.version ?? 0) + 1,
    };

    if (current === undefined) {
      // Nothing to drop from the cache: only identities that exist are ever cached.
      await this.identities.insert(unit.db, identity);
    } else {
      await this.identities.update(unit.db, identity, current.version);
      unit.afterCommit(() => this.cache.invalidate(identity.nationalNumber));
    }

    await enqueueEvent(unit, IdentityUpdated, identityUpdatedData(identity), {
      source: EVENT_SOURCE,
    });
    this.logger.info(
      {
        familyRole: identity.familyRole,
        nationalNumber: identity.nationalNumber,
        status: identity.status,
        version: identity.version,
      },
      current === undefined ? 'identity created' : 'identity updated',
    );

    return current === undefined ? 'created' : 'updated';
  }
}
