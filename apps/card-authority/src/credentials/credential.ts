import { SCOPE_PATTERN, TOKEN_KINDS, type TokenKind } from '@bitaqa/auth';
import { z } from 'zod';

import { TOKEN_AUDIENCES } from '../auth/scopes';

export const CREDENTIAL_STATUSES = ['active', 'suspended', 'revoked'] as const;

export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** Client ids are lower-case letters, digits, `.`, `_` and `-`, 3 to 64 characters. */
export const CLIENT_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** A credential as officers see it. The secret and its hash never leave the service. */
export interface CredentialView {
  audiences: string[];
  clientId: string;
  createdAt: string;
  description: string;
  kind: TokenKind;
  scopes: string[];
  secretRotatedAt: string;
  serviceId: string | null;
  stationCode: string | null;
  status: CredentialStatus;
  statusReason: string | null;
  updatedAt: string;
}

/** Fields of a new credential. */
export interface CredentialInput {
  /** Generated from the kind when absent. */
  clientId?: string;
  kind: TokenKind;
  scopes: string[];
  audiences: string[];
  /** Required for kind `service`, allowed for kind `app`, rejected for the others. */
  serviceId?: string;
  /** Required for kind `station`, allowed for kind `operator` (an attendant), else rejected. */
  stationCode?: string;
  description: string;
  /** Actor recorded in the credential log, `system` when absent. */
  actor?: string;
}

/** The one response that carries a client secret: creation and rotation. */
export interface IssuedSecret {
  clientId: string;
  clientSecret: string;
}

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-"');

/** Rules of a credential's fields, shared by the HTTP API, the bootstrap file and the CLI. */
export const credentialFields = {
  audiences: z
    .array(z.enum(TOKEN_AUDIENCES, { error: `must be one of ${TOKEN_AUDIENCES.join(', ')}` }))
    .min(1, 'must name at least one service')
    .max(TOKEN_AUDIENCES.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a service'),
  clientId: z
    .string()
    .regex(CLIENT_ID_PATTERN, 'must be 3 to 64 lower-case letters, digits, ".", "_" or "-"'),
  description: z.string().trim().min(1, 'must say whose credential this is').max(500),
  kind: z.enum(TOKEN_KINDS, { error: `must be one of ${TOKEN_KINDS.join(', ')}` }),
  scopes: z
    .array(z.string().regex(SCOPE_PATTERN, 'must be a scope name such as "fuel:redeem"'))
    .min(1, 'must list at least one scope')
    .max(50)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a scope'),
  serviceId: identifier,
  stationCode: identifier,
};

interface KindBound {
  kind: TokenKind;
  serviceId?: string | undefined;
  stationCode?: string | undefined;
}

/**
 * Adds the issues of a service id or station code that does not fit the kind. A service needs
 * its service id and a station its code. An app may name the agency it acts for at the identity
 * registry (fuel allocation sends turn notices that way), so kind app may carry a service id. An
 * operator may be bound to one station, as a pump attendant is.
 */
export function checkKindBinding(input: KindBound, context: z.RefinementCtx): void {
  const bindings = [
    {
      allowed: ['service', 'app'],
      field: 'serviceId',
      present: input.serviceId !== undefined,
      required: 'service',
    },
    {
      allowed: ['station', 'operator'],
      field: 'stationCode',
      present: input.stationCode !== undefined,
      required: 'station',
    },
  ] as const;

  for (const { allowed, field, present, required } of bindings) {
    if (input.kind === required && !present) {
      context.addIssue({
        code: 'custom',
        message: `is required for kind ${required}`,
        path: [field],
      });
    }

    if (present && !(allowed as readonly TokenKind[]).includes(input.kind)) {
      context.addIssue({
        code: 'custom',
        message: `is only for kind ${allowed.join(' or ')}`,
        path: [field],
      });
    }
  }
}

/** Schema of a new credential's fields, without the actor. */
export const credentialInputSchema = z
  .object({
    audiences: credentialFields.audiences,
    clientId: credentialFields.clientId.optional(),
    description: credentialFields.description,
    kind: credentialFields.kind,
    scopes: credentialFields.scopes,
    serviceId: credentialFields.serviceId.optional(),
    stationCode: credentialFields.stationCode.optional(),
  })
  .strict()
  .superRefine(checkKindBinding);
