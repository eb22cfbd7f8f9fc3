import type { DbTransaction } from '../../database/transaction';
import type { ServiceApplication, ServiceOperation } from '../../generated/prisma/client';
import type { OperationKind } from '../application';

/** Names of the recorded steps, in the order a provisioning runs them. */
export const STEP_NAMES = [
  'credentials',
  'topics',
  'acls',
  'registry-policy',
  'card-slot',
  'catalog',
] as const;

export type StepName = (typeof STEP_NAMES)[number];

/** Steps each kind of operation runs, in order. */
export const OPERATION_PLANS: Readonly<Record<OperationKind, readonly StepName[]>> = {
  provision: ['credentials', 'topics', 'acls', 'registry-policy', 'card-slot', 'catalog'],
  reinstate: ['credentials', 'acls', 'registry-policy', 'catalog'],
  // Revocation keeps the service's topics: their records belong to the agency and expire with
  // the topic's retention.
  revoke: ['credentials', 'acls', 'registry-policy', 'card-slot'],
  suspend: ['credentials', 'acls', 'registry-policy'],
};

export interface StepContext {
  /** The application as it is when the step starts, earlier steps' changes included. */
  application: ServiceApplication;
  now: Date;
  operation: ServiceOperation;
}

/** A client id and secret that a step created; the secret is returned once and not stored. */
export interface IssuedCredentials {
  clientId: string;
  clientSecret: string;
}

export interface StepOutcome {
  issued?: IssuedCredentials;
  /** Record of the step's work, stored with the step, so it never contains a secret. */
  result: Record<string, unknown>;
  /** The step had nothing to do for this service, such as a slot for a service without one. */
  skipped?: boolean;
}

/**
 * A step that changes only this app's database. It runs in the transaction that records it as
 * done, so its changes and its record commit together or not at all.
 */
export interface LocalStep {
  readonly kind: 'local';
  readonly name: StepName;
  run(context: StepContext, tx: DbTransaction): Promise<StepOutcome>;
}

/**
 * A step that calls another system. It must be idempotent, because after a crash between its
 * call and its record the retry repeats the call.
 */
export interface RemoteStep {
  readonly kind: 'remote';
  readonly name: StepName;
  run(context: StepContext): Promise<StepOutcome>;
}

export type OperationStep = LocalStep | RemoteStep;

export const OPERATION_STEPS = Symbol('OPERATION_STEPS');
