import { TOKEN_KINDS } from '@bitaqa/auth';
import { z } from 'zod';

import { CREDENTIAL_STATUSES, credentialFields } from '../credential';

export const listCredentialsQuery = z
  .object({
    kind: z.enum(TOKEN_KINDS).optional(),
    serviceId: credentialFields.serviceId.optional(),
    status: z.enum(CREDENTIAL_STATUSES).optional(),
  })
  .strict();

export type ListCredentialsQuery = z.infer<typeof listCredentialsQuery>;
