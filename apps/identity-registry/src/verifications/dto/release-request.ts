import { z } from 'zod';

import { nationalNumber } from '@bitaqa/contracts';

import { identityAttribute, purposeCode } from '../../agencies/dto/agency.dto';
import { IDENTITY_ATTRIBUTES } from '../../agencies/identity-attributes';

import { lookupReference } from './verification-request';

/** A request for attributes of one person, each of which the agency's policy must grant. */
export const releaseRequest = z.strictObject({
  attributes: z
    .array(identityAttribute)
    .min(1)
    .max(IDENTITY_ATTRIBUTES.length)
    .refine((items) => new Set(items).size === items.length, 'list each attribute once'),
  nationalNumber,
  purpose: purposeCode,
  reference: lookupReference.optional(),
});

export type ReleaseRequest = z.infer<typeof releaseRequest>;
