/**
 * A failed ACL request: invalid input (`retriable` is false, `field` and `value` name the fault)
 * or a broker failure (`retriable` copies the kafkajs error's flag, `cause` keeps that error).
 */
export class KafkaAclError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly retriable: boolean;
  readonly value: unknown;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; field?: string; retriable: boolean; value?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'KafkaAclError';
    this.code = code;
    this.field = options.field;
    this.retriable = options.retriable;
    this.value = options.value;
  }
}
