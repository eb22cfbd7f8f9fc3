import { z } from 'zod';

import { purposeCode } from '../../agencies/dto/agency.dto';

import { lookupReference } from './verification-request';

/** The reason an operator gives for reading a whole record, stored in the lookup log. */
export const identityReadQuery = z.strictObject({
  /** A code such as `service-desk` or `duplicate-review`. */
  purpose: purposeCode,
  /** The operator's ticket or case reference. */
  reference: lookupReference.optional(),
});

export type IdentityReadQuery = z.infer<typeof identityReadQuery>;
