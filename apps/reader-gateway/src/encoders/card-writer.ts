import {
  type CardTransport,
  type PersonalizationResult,
  personalizeCard,
  personalizeCardSecurely,
} from '@bitaqa/card';

import type { SecretsVault } from '../authority/secrets-vault';
import type { PersonalizationJob } from '../jobs/job';

import type { ApduTiming } from './apdu-timing';

/**
 * Writes one card for a job: with the job's secrets over the secure channel when the gateway
 * has a card authority, or the holder files alone when it runs without one.
 */
export class CardWriter {
  constructor(private readonly vault: SecretsVault | null) {}

  get keyed(): boolean {
    return this.vault !== null;
  }

  /**
   * Fetches the job's secrets before a card is touched, so a rejected request costs no card.
   * Throws `SecretsRequestError` when the authority does not hand them out.
   */
  async prepare(job: PersonalizationJob): Promise<void> {
    await this.vault?.get(job.jobId, job.cardNumber);
  }

  /** Writes the card, counting and timing each APDU in `timing`. */
  async write(
    connection: CardTransport,
    job: PersonalizationJob,
    timing: ApduTiming,
  ): Promise<PersonalizationResult> {
    const card = timing.wrap(connection);
    if (this.vault === null) {
      return personalizeCard(card, job.personalization);
    }

    const secrets = await this.vault.get(job.jobId, job.cardNumber);

    return personalizeCardSecurely(card, { data: job.personalization, secrets });
  }

  /** Drops the secrets of a job that is finished. */
  finished(job: PersonalizationJob): void {
    this.vault?.discard(job.jobId);
  }
}
