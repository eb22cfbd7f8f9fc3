import { TOKEN_KINDS } from '@bitaqa/auth';
import { z } from 'zod';

import { CREDENTIAL_STATUSES, credentialFields } from '../credential';

/** Maximum page size of GET /clients. */
export const MAX_CREDENTIALS_PAGE = 500;

export const listCredentialsQuery = z
  .object({
    after: credentialFields.clientId.optional(),
    kind: z.enum(TOKEN_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_CREDENTIALS_PAGE).default(100),
    serviceId: credentialFields.serviceId.optional(),
    status: z.enum(CREDENTIAL_STATUSES).optional(),
  })
  .strict();

export type ListCredentialsQuery = z.infer<typeof listCredentialsQuery>;
