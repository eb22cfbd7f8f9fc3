import { ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';

import type { DuplicateCaseStatus } from './duplicate-case';

export function caseNotFound(id: string): NotFoundError {
  return new NotFoundError('DUPLICATE_CASE_NOT_FOUND', `no duplicate case has id ${id}`, {
    field: 'id',
    hint: 'list open cases with GET /duplicates',
    value: id,
  });
}

export function caseAlreadyResolved(id: string, status: DuplicateCaseStatus): ConflictError {
  return new ConflictError(
    'DUPLICATE_CASE_ALREADY_RESOLVED',
    `duplicate case ${id} was already resolved as ${status}`,
    { field: 'id', hint: 'read the decision with GET /duplicates/:id', value: id },
  );
}

export function identityAlreadyMerged(nationalNumber: string, survivor: string): ConflictError {
  return new ConflictError(
    'IDENTITY_ALREADY_MERGED',
    `identity ${nationalNumber} was already merged into ${survivor} by another case`,
    {
      field: 'decision',
      hint: `resolve this case as keep-apart, or review ${survivor} for a duplicate instead`,
      value: nationalNumber,
    },
  );
}

export function survivorNotInCase(survivor: string, pair: readonly string[]): RuleViolationError {
  return new RuleViolationError(
    'SURVIVOR_NOT_IN_CASE',
    `survivor ${survivor} is not one of the case's identities ${pair.join(' and ')}`,
    {
      field: 'survivorNationalNumber',
      hint: `name ${pair.join(' or ')}, or leave it out to keep the earlier registration`,
      value: survivor,
    },
  );
}
