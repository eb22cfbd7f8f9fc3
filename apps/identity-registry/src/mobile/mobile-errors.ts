import { HttpStatus } from '@nestjs/common';

import { ApiError, ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';

import type { Db } from '../identities/identity.repository';
import type { Identity } from '../identities/identity';
import type { IdentityRepository } from '../identities/identity.repository';
import { SmsDeliveryError } from '../sms/sms-gateway';

/**
 * Loads an identity that may bind a number or receive notices.
 *
 * @throws NotFoundError IDENTITY_NOT_FOUND; RuleViolationError IDENTITY_NOT_ACTIVE for a
 * deceased or merged identity.
 */
export async function requireActiveIdentity(
  identities: IdentityRepository,
  db: Db,
  nationalNumber: string,
): Promise<Identity> {
  const identity = await identities.find(db, nationalNumber);

  if (identity === undefined) {
    throw new NotFoundError(
      'IDENTITY_NOT_FOUND',
      `no identity has national number ${nationalNumber}`,
      { field: 'nationalNumber', hint: 'check the national number', value: nationalNumber },
    );
  }
  if (identity.status !== 'active') {
    throw new RuleViolationError(
      'IDENTITY_NOT_ACTIVE',
      `identity ${nationalNumber} is ${identity.status}, so it cannot use a mobile number`,
      {
        field: 'nationalNumber',
        hint: 'only active identities bind numbers',
        value: nationalNumber,
      },
    );
  }

  return identity;
}

export function mobileNotBound(nationalNumber: string): NotFoundError {
  return new NotFoundError(
    'MOBILE_NOT_BOUND',
    `identity ${nationalNumber} has no mobile number bound`,
    {
      field: 'nationalNumber',
      hint: 'bind a number with POST /identities/:nationalNumber/mobile first',
      value: nationalNumber,
    },
  );
}

export function alreadyBound(nationalNumber: string, mobileNumber: string): ConflictError {
  return new ConflictError(
    'MOBILE_ALREADY_BOUND',
    `identity ${nationalNumber} already has ${mobileNumber} bound`,
    { field: 'mobileNumber', hint: 'nothing to do', value: mobileNumber },
  );
}

export function numberLimitReached(mobileNumber: string, limit: number): RuleViolationError {
  return new RuleViolationError(
    'MOBILE_NUMBER_LIMIT_REACHED',
    `${mobileNumber} is already bound to ${limit} identities, the most one number may serve`,
    {
      field: 'mobileNumber',
      hint: 'use another number, or unbind it from one of the other identities',
      value: mobileNumber,
    },
  );
}

/**
 * Maps an operator failure to the HTTP error for the code request. It leaves out the operator's
 * response body, which may echo the code back to a caller who must not see it.
 */
export function deliveryFailed(error: SmsDeliveryError, mobileNumber: string): ApiError {
  const operatorAnswer = `${error.code}${error.httpStatus ? `, HTTP ${error.httpStatus}` : ''}`;

  if (!error.retriable) {
    return new RuleViolationError(
      'MOBILE_NUMBER_REJECTED',
      `the SMS operator rejected delivery to ${mobileNumber} (${operatorAnswer})`,
      { field: 'mobileNumber', hint: 'check the number with its holder', value: mobileNumber },
    );
  }

  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'SMS_DELIVERY_FAILED',
    `the code could not be sent (${operatorAnswer})`,
    { hint: 'request a new code in a few minutes' },
  );
}
