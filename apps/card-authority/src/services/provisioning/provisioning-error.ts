/**
 * A provisioning step that failed. `retriable` is true when running the step again may succeed
 * (a peer that was down) or needs a change first (a peer that rejected the request).
 */
export class ProvisioningError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'ProvisioningError';
  }
}
