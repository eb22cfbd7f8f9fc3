/** Reason a binding ended, as MobileNumberUnbound publishes it. */
export type UnbindReason = 'holder-request' | 'replaced';

/** A request to bind `mobileNumber` to an identity, and who made it. */
export interface BindingRequest {
  /** The caller as the audit log names it, see `actorOf`. */
  actor: string;
  mobileNumber: string;
  nationalNumber: string;
}

/** A mobile number bound to an identity. */
export interface MobileBinding {
  boundAt: Date;
  /** E.164, such as +963944123456. */
  mobileNumber: string;
  nationalNumber: string;
}

export type ChallengeStatus =
  'confirmed' | 'exhausted' | 'expired' | 'pending' | 'send_failed' | 'superseded';

/** One one-time code sent to a number; the code itself is never kept. */
export interface CodeChallenge {
  attempts: number;
  /** Hex HMAC-SHA256 of the challenge id and the code. */
  codeDigest: string;
  createdAt: Date;
  expiresAt: Date;
  id: string;
  maxAttempts: number;
  mobileNumber: string;
  nationalNumber: string;
  status: ChallengeStatus;
}

/** Result of a code request. The code itself goes only to the phone. */
export interface CodeRequestReceipt {
  challengeId: string;
  expiresAt: string;
  /** Guesses allowed for this code. */
  maxAttempts: number;
  mobileNumber: string;
  nationalNumber: string;
}

/** A binding as the HTTP API returns it. */
export interface MobileBindingView {
  boundAt: string;
  mobileNumber: string;
  nationalNumber: string;
}

export function toBindingView(binding: MobileBinding): MobileBindingView {
  return { ...binding, boundAt: binding.boundAt.toISOString() };
}
