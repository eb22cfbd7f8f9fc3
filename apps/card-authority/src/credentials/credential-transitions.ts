import type { CredentialStatus } from './credential';
import type { CredentialAction } from './credential.repository';

/** Officer actions on a credential's status. */
export type StatusAction = 'reinstate' | 'revoke' | 'suspend';

interface Transition {
  action: CredentialAction;
  from: readonly CredentialStatus[];
  to: CredentialStatus;
}

/** Allowed status changes. Revocation is final: a revoked credential is never reinstated. */
export const TRANSITIONS: Record<StatusAction, Transition> = {
  reinstate: { action: 'reinstated', from: ['suspended'], to: 'active' },
  revoke: { action: 'revoked', from: ['active', 'suspended'], to: 'revoked' },
  suspend: { action: 'suspended', from: ['active'], to: 'suspended' },
};

/** Returns the action that moves a credential to `status`. */
export function actionFor(status: CredentialStatus): StatusAction {
  if (status === 'active') return 'reinstate';
  if (status === 'suspended') return 'suspend';

  return 'revoke';
}
