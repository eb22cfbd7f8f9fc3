import type {
  ServiceApplication,
  ServiceOperation,
  ServiceOperationStep,
  ServiceSlot,
} from '../../generated/prisma/client';
import type {
  ApplicationView,
  CheckResult,
  OperationView,
  ServiceRequest,
  SlotView,
  StepView,
} from '../application';

/** An application row with its operations, their steps, and its slot. */
export type ApplicationRecord = ServiceApplication & {
  operations: (ServiceOperation & { steps: ServiceOperationStep[] })[];
  slot: ServiceSlot | null;
};

/** Prisma's `include` that loads an `ApplicationRecord`. */
export const APPLICATION_INCLUDE = {
  operations: {
    include: { steps: { orderBy: { position: 'asc' } } },
    orderBy: { createdAt: 'asc' },
  },
  slot: true,
} as const;

export function toServiceRequest(row: ServiceApplication): ServiceRequest {
  return {
    agency: row.agency,
    attributes: row.attributes as ServiceRequest['attributes'],
    contact: row.contact as ServiceRequest['contact'],
    name: row.name,
    needsOwnKey: row.needsOwnKey,
    purposeCode: row.purposeCode as ServiceRequest['purposeCode'],
    purposeText: row.purposeText,
    readTopics: row.readTopics,
    securityLevel: row.securityLevel as ServiceRequest['securityLevel'],
    serviceId: row.serviceId,
    slotSizeBytes: row.slotSizeBytes,
    topicDomain: row.topicDomain,
    writeTopics: row.writeTopics,
  };
}

export function toSlotView(slot: ServiceSlot): SlotView {
  return {
    fileId: slot.fileId,
    fileIdHex: slot.fileId.toString(16).toUpperCase().padStart(4, '0'),
    keyLabel: slot.keyLabel,
    keyVersion: slot.keyVersion,
    releasedAt: slot.releasedAt?.toISOString() ?? null,
    sizeBytes: slot.sizeBytes,
  };
}

function toStepView(step: ServiceOperationStep): StepView {
  return {
    attempts: step.attempts,
    completedAt: step.completedAt?.toISOString() ?? null,
    lastError: step.lastError as StepView['lastError'],
    name: step.name,
    result: step.result as Record<string, unknown>,
    status: step.status,
  };
}

export function toOperationView(
  operation: ServiceOperation & { steps: ServiceOperationStep[] },
): OperationView {
  return {
    completedAt: operation.completedAt?.toISOString() ?? null,
    createdAt: operation.createdAt.toISOString(),
    id: operation.id,
    kind: operation.kind,
    reason: operation.reason,
    requestedBy: operation.requestedBy,
    status: operation.status,
    steps: operation.steps.map(toStepView),
  };
}

export function toApplicationView(record: ApplicationRecord): ApplicationView {
  return {
    ...toServiceRequest(record),
    checkedAt: record.checkedAt.toISOString(),
    checks: record.checks as unknown as CheckResult[],
    clientId: record.clientId,
    createdAt: record.createdAt.toISOString(),
    decidedAt: record.decidedAt?.toISOString() ?? null,
    decidedBy: record.decidedBy,
    decisionReason: record.decisionReason,
    id: record.id,
    operations: record.operations.map(toOperationView),
    slot: record.slot === null ? null : toSlotView(record.slot),
    status: record.status,
    statusReason: record.statusReason,
    submittedBy: record.submittedBy,
  };
}
