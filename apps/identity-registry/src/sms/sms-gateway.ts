/** One text message for one recipient. */
export interface SmsMessage {
  /**
   * The sender's id for the message, unique per message. The operator delivers a repeated
   * request with the same reference only once, so retries after a lost response are safe.
   */
  reference: string;
  text: string;
  /** Recipient in E.164 form, such as +963944123456. */
  to: string;
}

/** Sends text messages through an SMS operator. */
export interface SmsGateway {
  /**
   * Sends one message and returns the operator's message id.
   *
   * @throws SmsDeliveryError when the operator did not accept the message.
   */
  send(message: SmsMessage): Promise<string>;
}

/** Injection token of the app's `SmsGateway`. */
export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

/**
 * The operator did not accept a message. `retriable` is true when sending the same message later
 * can succeed (timeouts, 5xx, 429, rejected credentials), and false when the operator rejected
 * the message itself (an invalid number, for example).
 */
export class SmsDeliveryError extends Error {
  /** HTTP status of the operator's response, when there was one. */
  readonly httpStatus: number | undefined;

  /**
   * The message may quote the operator's response body, which may echo the text sent. Code
   * paths that send one-time codes report `code` and `httpStatus` only.
   */
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options: { cause?: unknown; httpStatus?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SmsDeliveryError';
    this.httpStatus = options.httpStatus;
  }
}

/** Hides all but the last four digits, for logs: +963944123456 becomes +9639****3456. */
export function maskMobileNumber(mobileNumber: string): string {
  return (
    mobileNumber.slice(0, 5) +
    '*'.repeat(Math.max(0, mobileNumber.length - 9)) +
    mobileNumber.slice(-4)
  );
}
