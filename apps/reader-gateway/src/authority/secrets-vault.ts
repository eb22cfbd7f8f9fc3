import type { CardSecrets } from '@bitaqa/card';

import type { CardSecretsClient } from './secrets-client';

/**
 * Keeps each job's secrets in memory from the first fetch until the job finishes, because the
 * authority hands them out once per job and a job may need several cards or move to another
 * encoder of this gateway. Nothing is written to disk or logged. After a restart the secrets
 * are gone, so such a job fails and the authority opens a new one.
 */
export class SecretsVault {
  private readonly secrets = new Map<string, Promise<CardSecrets>>();

  constructor(private readonly client: CardSecretsClient) {}

  get size(): number {
    return this.secrets.size;
  }

  /** Returns the job's secrets, fetching them on first use. A failed fetch is not kept. */
  get(jobId: string, cardNumber: string): Promise<CardSecrets> {
    let pending = this.secrets.get(jobId);
    if (pending === undefined) {
      pending = this.client.fetch(jobId, cardNumber);
      this.secrets.set(jobId, pending);
      pending.catch(() => this.secrets.delete(jobId));
    }

    return pending;
  }

  /** Drops a finished job's secrets and overwrites its key bytes. */
  discard(jobId: string): void {
    const pending = this.secrets.get(jobId);
    this.secrets.delete(jobId);
    void pending?.then(wipe, () => undefined);
  }

  discardAll(): void {
    for (const jobId of [...this.secrets.keys()]) {
      this.discard(jobId);
    }
  }
}

function wipe(secrets: CardSecrets): void {
  secrets.keys.enc.fill(0);
  secrets.keys.mac.fill(0);
  secrets.keys.auth.fill(0);
}
