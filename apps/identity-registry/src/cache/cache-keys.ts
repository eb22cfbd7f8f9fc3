/**
 * Every Redis key the service uses, built from the configured prefix in one place, so the key
 * layout can be read (and cleaned up) from this file alone.
 */
export class CacheKeys {
  constructor(private readonly prefix: string) {}

  /** The cached JSON view of one identity. */
  identity(nationalNumber: string): string {
    return `${this.prefix}identity:${nationalNumber}`;
  }

  /** A counter bumped on every change of one identity; see `IdentityCache`. */
  identityGeneration(nationalNumber: string): string {
    return `${this.prefix}identity-generation:${nationalNumber}`;
  }

  /** Pattern matching every key under the prefix, for SCAN. */
  all(): string {
    return `${this.prefix}*`;
  }
}
