import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import type { UnitOfWork } from '../database/unit-of-work';
import type { Identity } from '../identities/identity';

import { CandidateFinder } from './candidate-finder';
import { orderedPair } from './duplicate-case';
import { DuplicateCaseRepository } from './duplicate-case.repository';
import { DUPLICATE_SETTINGS, type DuplicateSettings } from './duplicate-settings';
import { assessPair } from './pair-assessment';

/** Screens registrations for persons the registry already holds, and queues suspected pairs. */
@Injectable()
export class DuplicateDetection {
  constructor(
    private readonly candidates: CandidateFinder,
    private readonly cases: DuplicateCaseRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DUPLICATE_SETTINGS) private readonly settings: DuplicateSettings,
  ) {}

  /**
   * Compares `identity` with every candidate (see `CandidateFinder`) inside the caller's
   * transaction, and queues each flagged pair as an open case, or rescores the pair's open case.
   * A pair an operator already resolved is left as decided. A merged identity is never
   * screened. Returns the number of pairs queued or rescored.
   */
  async screen(unit: UnitOfWork, identity: Identity, eventId: string): Promise<number> {
    if (identity.status === 'merged') return 0;

    await this.candidates.lockMother(unit, identity);

    const candidates = await this.candidates.find(
      unit.db,
      identity,
      this.settings.birthWindowDays,
      this.settings.maxCandidates,
    );
    let offered = 0;

    for (const candidate of candidates) {
      const assessment = assessPair(identity, candidate, this.settings);

      if (!assessment.flagged) continue;

      const nationalNumbers = orderedPair(identity.nationalNumber, candidate.nationalNumber);
      const outcome = await this.cases.offer(unit.db, {
        detectedByEventId: eventId,
        nameParts: assessment.nameParts,
        nationalNumbers,
        reasons: assessment.reasons,
        score: assessment.score,
      });

      this.logger.info(
        { eventId, nationalNumbers, outcome, score: assessment.score },
        'suspected duplicate pair',
      );
      if (outcome !== 'already-resolved') offered += 1;
    }

    return offered;
  }
}
