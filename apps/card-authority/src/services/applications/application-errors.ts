import { ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';

import type { CheckResult } from '../application';

export class ApplicationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('SERVICE_APPLICATION_NOT_FOUND', `no service application has id ${id}`, {
      field: 'id',
      hint: 'use the id returned by POST /service-applications',
      value: id,
    });
  }
}

export class ServiceNotFoundError extends NotFoundError {
  constructor(serviceId: string) {
    super('SERVICE_NOT_FOUND', `no approved service has id ${serviceId}`, {
      field: 'serviceId',
      hint: 'list the services with GET /services',
      value: serviceId,
    });
  }
}

/** The service id belongs to a live application or service, or to a revoked one. */
export class ServiceIdTakenError extends ConflictError {
  constructor(serviceId: string, retired: boolean) {
    super(
      retired ? 'SERVICE_ID_RETIRED' : 'SERVICE_ID_TAKEN',
      retired
        ? `service id ${serviceId} belonged to a revoked service and cannot be reused`
        : `service id ${serviceId} already has an application or service that is not rejected or revoked`,
      {
        field: 'serviceId',
        hint: retired
          ? 'apply under a new service id'
          : 'read it with GET /services or wait for the decision on the open application',
        value: serviceId,
      },
    );
  }
}

/** The action does not apply to the application's or service's current status. */
export class ServiceStatusError extends ConflictError {
  constructor(action: string, status: string, allowed: readonly string[]) {
    super('SERVICE_STATUS_CONFLICT', `cannot ${action} a service application that is ${status}`, {
      field: 'status',
      hint: `${action} applies to ${allowed.join(' or ')} applications`,
      value: status,
    });
  }
}

/** Approval was requested while a blocking technical check fails. */
export class ChecksFailedError extends RuleViolationError {
  constructor(failures: readonly CheckResult[]) {
    super(
      'SERVICE_CHECKS_FAILED',
      `blocking technical checks fail: ${failures.map((check) => check.code).join(', ')}`,
      {
        hint: 'reject the application, or have the agency submit a corrected one',
        value: failures,
      },
    );
  }
}

/** A retry was requested for a service whose last operation did not fail. */
export class NothingToRetryError extends ConflictError {
  constructor(serviceId: string) {
    super('SERVICE_NOTHING_TO_RETRY', `service ${serviceId} has no failed operation to retry`, {
      field: 'serviceId',
      hint: 'read the application with GET /service-applications/:id to see its operations',
      value: serviceId,
    });
  }
}

/** A new operation was requested while an earlier one has not completed. */
export class OperationUnfinishedError extends ConflictError {
  constructor(serviceId: string, requested: string, unfinished: string) {
    super(
      'SERVICE_OPERATION_UNFINISHED',
      `cannot ${requested} service ${serviceId} while its ${unfinished} operation is unfinished`,
      {
        field: 'serviceId',
        hint: 'retry the unfinished operation with POST /service-applications/:id/retry, or revoke the service',
        value: serviceId,
      },
    );
  }
}
