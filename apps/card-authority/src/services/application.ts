import type { ServiceStatus } from '@bitaqa/contracts';

import type { IdentityAttribute, SecurityLevel } from './policy/identity-attributes';
import type { PurposeCode } from './policy/purposes';

/** Codes of the technical checks run on every application. */
export const CHECK_CODES = [
  'SCHEMA_VALID',
  'ATTRIBUTES_JUSTIFIED',
  'SECURITY_LEVEL_SUFFICIENT',
  'READ_TOPICS_EXIST',
  'READ_TOPICS_OPEN',
  'TOPIC_DOMAIN_ALLOWED',
  'WRITE_TOPICS_IN_DOMAIN',
  'SLOT_SIZE_FITS',
  'SLOT_SPACE_AVAILABLE',
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

/** Outcome of one technical check; a failed blocking check prevents approval. */
export interface CheckResult {
  blocking: boolean;
  code: CheckCode;
  passed: boolean;
  reason: string;
}

/** The service an agency requests, as validated at submission. */
export interface ServiceRequest {
  agency: string;
  attributes: IdentityAttribute[];
  contact: { email: string; name: string; phone: string };
  name: string;
  needsOwnKey: boolean;
  purposeCode: PurposeCode;
  purposeText: string;
  readTopics: string[];
  securityLevel: SecurityLevel;
  serviceId: string;
  slotSizeBytes: number;
  topicDomain: string;
  writeTopics: string[];
}

/** A card slot assigned to a service. */
export interface SlotView {
  fileId: number;
  /** The file id as four hex digits, as card images name files. */
  fileIdHex: string;
  keyLabel: string | null;
  keyVersion: number | null;
  releasedAt: string | null;
  sizeBytes: number;
}

export type OperationKind = 'provision' | 'suspend' | 'reinstate' | 'revoke';

export type OperationStatus = 'running' | 'failed' | 'completed' | 'superseded';

export type StepStatus = 'pending' | 'done' | 'failed' | 'skipped';

export interface StepView {
  attempts: number;
  completedAt: string | null;
  lastError: { code: string; message: string; retriable: boolean } | null;
  name: string;
  result: Record<string, unknown>;
  status: StepStatus;
}

/** One recorded run that provisions, suspends, reinstates or revokes a service. */
export interface OperationView {
  completedAt: string | null;
  createdAt: string;
  id: string;
  kind: OperationKind;
  reason: string;
  requestedBy: string;
  status: OperationStatus;
  steps: StepView[];
}

/** An application as officers see it, with its checks, decision and operations. */
export interface ApplicationView extends ServiceRequest {
  checkedAt: string;
  checks: CheckResult[];
  clientId: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  id: string;
  operations: OperationView[];
  slot: SlotView | null;
  status: ServiceStatus;
  statusReason: string | null;
  submittedBy: string;
}
