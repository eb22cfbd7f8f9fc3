/**
 * The card authority did not hand out a job's secrets. `retriable` is false when the authority
 * rejected the job itself (unknown, stale, secrets already issued), because no retry can help
 * and the job must fail. It is true for transport failures, timeouts, 401, 403 and 5xx.
 */
export class SecretsRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    readonly details: { jobId: string; status?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SecretsRequestError';
  }
}
