/** An agency's service, calling with a `service` token whose `svc` claim names the agency. */
export interface AgencyCaller {
  /** Client id of the credential the token was issued to (`sub`). */
  credentialId: string;
  kind: 'agency';
  serviceId: string;
  /** Id of the presented token (`jti`). */
  tokenId: string;
}

/**
 * A platform app, such as fuel allocation, calling with an `app` token. Its `svc` claim names
 * the agency whose policy covers the notices it sends.
 */
export interface AppCaller {
  credentialId: string;
  kind: 'app';
  serviceId: string;
  tokenId: string;
}

/** A registry operator, who reads whole records, searches and reviews duplicates. */
export interface OperatorCaller {
  credentialId: string;
  kind: 'operator';
  tokenId: string;
}

export type Caller = AgencyCaller | AppCaller | OperatorCaller;

/** A caller that acts for an agency row of this registry. */
export type ServiceCaller = AgencyCaller | AppCaller;

export type CallerKind = Caller['kind'];
