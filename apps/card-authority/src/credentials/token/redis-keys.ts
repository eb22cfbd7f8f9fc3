/** Every Redis key of the token endpoint, built from the configured prefix in one place. */
export class RedisKeys {
  constructor(private readonly prefix: string) {}

  /** Builds the key of the failed token requests of one client id in one window. */
  failedAttempts(clientId: string, windowIndex: number): string {
    return `${this.prefix}token-failures:${clientId}:${windowIndex}`;
  }
}
