import type { IdentityAttribute } from './identity-attributes';

export type AgencyStatus = 'active' | 'suspended';

/** A service that verifies identities or receives identity attributes. */
export interface Agency {
  createdAt: Date;
  name: string;
  /** Stable id such as `social-affairs`: lowercase letters, digits and hyphens. */
  serviceId: string;
  /** A suspended agency's tokens are refused; its policy stays recorded. */
  status: AgencyStatus;
  statusChangedAt: Date | null;
  /** Reason given with the last suspension or reinstatement. */
  statusReason: string | null;
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

/** An agency with its policy in force. */
export interface AgencyDetails extends Agency {
  policy: AgencyPolicy | null;
}
