import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { CardLifecycleService } from '../cards/card-lifecycle.service';
import { LOGGER } from '../core.module';
import type { DbTransaction } from '../database/transaction';
import { IdentitiesService } from '../identities/identities.service';
import type { IdentitySnapshot } from '../identities/identity';
import { PersonalizationJobsService } from '../personalization/personalization-jobs.service';

/** Effect of one identity event, for logs and tests. */
export type IdentityOutcome = 'card-issued' | 'card-revoked' | 'no-change' | 'stale-version';

export const HOLDER_DECEASED_REASON = 'holder deceased';

/**
 * Decides card issuance from identity changes: an active family head without a live card gets
 * one, and a deceased holder's live card is revoked.
 */
@Injectable()
export class IssuanceService {
  constructor(
    private readonly identities: IdentitiesService,
    private readonly lifecycle: CardLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly personalization: PersonalizationJobsService,
  ) {}

  async applyIdentity(tx: DbTransaction, identity: IdentitySnapshot): Promise<IdentityOutcome> {
    const log = { nationalNumber: identity.nationalNumber, version: identity.version };

    if (!(await this.identities.saveIfNewer(tx, identity))) {
      this.logger.info(log, 'identity version not newer than the stored one, ignored');

      return 'stale-version';
    }

    const liveCard = await this.lifecycle.lockLiveCard(tx, identity.nationalNumber);

    if (identity.status === 'deceased') {
      if (!liveCard) return 'no-change';

      await this.lifecycle.transitionLocked(tx, liveCard, {
        actor: 'system',
        reason: HOLDER_DECEASED_REASON,
        to: 'revoked',
      });

      return 'card-revoked';
    }

    if (identity.familyRole !== 'head' || liveCard) return 'no-change';

    await this.issueCard(tx, identity);

    return 'card-issued';
  }

  /** Creates the card and moves it requested -> approved -> queued with its first job. */
  private async issueCard(tx: DbTransaction, holder: IdentitySnapshot): Promise<void> {
    const requested = await this.lifecycle.createCard(
      tx,
      { familyId: holder.familyId, nationalNumber: holder.nationalNumber },
      'family head without a card',
    );
    const approved = await this.lifecycle.transitionLocked(tx, requested, {
      actor: 'system',
      reason: 'active identity, head of family',
      to: 'approved',
    });
    const queued = await this.lifecycle.transitionLocked(tx, approved, {
      actor: 'system',
      reason: 'queued for personalization',
      to: 'queued',
    });

    await this.personalization.request(tx, queued, holder, 1);
  }
}
