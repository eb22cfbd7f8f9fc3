import type { CheckResult, ServiceRequest } from '../application';

import { checkAttributesJustified, checkSecurityLevel } from './attribute-checks';
import type { CheckContext } from './check-context';
import { passed } from './check-result';
import { checkSlotSize, checkSlotSpace } from './slot-checks';
import {
  checkReadTopicsExist,
  checkReadTopicsOpen,
  checkTopicDomain,
  checkWriteTopicsInDomain,
} from './topic-checks';

/**
 * Runs every technical check on a validated application. The request has already passed the
 * submission schema, which the first result records.
 */
export function runTechnicalChecks(request: ServiceRequest, context: CheckContext): CheckResult[] {
  return [
    passed('SCHEMA_VALID', 'the application matches the submission schema'),
    checkAttributesJustified(request),
    checkSecurityLevel(request),
    checkReadTopicsExist(request, context),
    checkReadTopicsOpen(request),
    checkTopicDomain(request, context),
    checkWriteTopicsInDomain(request),
    checkSlotSize(request),
    checkSlotSpace(request, context),
  ];
}

export function blockingFailures(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((check) => check.blocking && !check.passed);
}
