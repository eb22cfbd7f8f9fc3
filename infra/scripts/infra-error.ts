/** A failure of an infrastructure script, with a stable code for scripts and tests to match on. */
export class InfraError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InfraError';
  }
}
