import type { IdentityAttribute } from './identity-attributes';

/** A service that verifies identities or receives identity attributes. */
export interface Agency {
  createdAt: Date;
  name: string;
  /** Stable id such as `social-affairs`: lowercase letters, digits and hyphens. */
  serviceId: string;
}

/** The approved policy in force for an agency. */
export interface AgencyPolicy {
  /** Reference of the decision that approved this version, such as a ministry letter number. */
  approvalReference: string;
  approvedAt: Date;
  /** Operator who recorded the approval. */
  approvedBy: string;
  /** Attributes the agency may verify and receive. */
  attributes: IdentityAttribute[];
  /** Purpose codes the agency may state, such as `social-benefit-eligibility`. */
  purposes: string[];
  /** Requests per rate-limit window; null applies the configured default. */
  requestsPerWindow: number | null;
  serviceId: string;
  /** Grows by one with every approval; lookups record the version they were checked against. */
  version: number;
}

/** The content of a policy change; the version and approval time are assigned on save. */
export type PolicyChange = Omit<AgencyPolicy, 'approvedAt' | 'serviceId' | 'version'>;

/** An API key as operators see it after issue: never the key itself. */
export interface ApiKeySummary {
  createdAt: Date;
  id: string;
  /** The first characters of the key, enough to tell keys apart. */
  keyPrefix: string;
  revokedAt: Date | null;
}

/** A newly issued key. `apiKey` is returned once and stored nowhere. */
export interface IssuedApiKey extends ApiKeySummary {
  apiKey: string;
  serviceId: string;
}

/** An agency with its policy in force and its keys, for operators. */
export interface AgencyDetails extends Agency {
  apiKeys: ApiKeySummary[];
  policy: AgencyPolicy | null;
}
