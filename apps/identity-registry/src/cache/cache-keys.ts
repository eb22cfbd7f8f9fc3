/**
 * Every Redis key the service uses, built from the configured prefix in one place, so the key
 * layout can be read (and cleaned up) from this file alone.
 */
export class CacheKeys {
  constructor(private readonly prefix: string) {}

  /** Builds the key of one identity's cached JSON view. */
  identity(nationalNumber: string): string {
    return `${this.prefix}identity:${nationalNumber}`;
  }

  /** Builds the key of the counter that every change of one identity bumps (see `IdentityCache`). */
  identityGeneration(nationalNumber: string): string {
    return `${this.prefix}identity-generation:${nationalNumber}`;
  }

  /** Builds the key of the request counter of one agency in one rate-limit window. */
  rateLimit(serviceId: string, windowIndex: number): string {
    return `${this.prefix}rate-limit:${serviceId}:${windowIndex}`;
  }

  /** Pattern matching every key under the prefix, for SCAN. */
  all(): string {
    return `${this.prefix}*`;
  }
}
