/**
 * Base class of every error thrown by this library. `code` is stable and meant for programs;
 * `message` is for people and names the value that failed and what to do about it.
 */
export abstract class CardError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: Code,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
