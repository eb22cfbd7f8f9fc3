/** An authenticated agency; `credentialId` names the API key or token it presented. */
export interface AgencyCaller {
  credentialId: string;
  kind: 'agency';
  serviceId: string;
}

/** A registry operator, who manages agencies and searches identities. */
export interface OperatorCaller {
  credentialId: string;
  kind: 'operator';
}

export type Caller = AgencyCaller | OperatorCaller;

export type CallerKind = Caller['kind'];

/**
 * Turns the `Authorization` header of a request into a caller. The API-key implementation is
 * in use until the card authority issues tokens; a token implementation can replace it
 * without changing the guards or the services.
 */
export interface CallerAuthenticator {
  /** @throws UnauthenticatedError when the header is missing, malformed or not recognised. */
  authenticate(authorization: string | undefined): Promise<Caller>;
}

export const CALLER_AUTHENTICATOR = Symbol('CALLER_AUTHENTICATOR');
