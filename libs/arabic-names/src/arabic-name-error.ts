/** A name that cannot be turned into the requested form; `code` is stable for callers. */
export class ArabicNameError extends Error {
  constructor(
    readonly code: 'NAME_NOT_TRANSLITERABLE',
    message: string,
  ) {
    super(message);
    this.name = 'ArabicNameError';
  }
}
