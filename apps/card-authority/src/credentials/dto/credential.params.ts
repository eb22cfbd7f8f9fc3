import { z } from 'zod';

import { credentialFields } from '../credential';

export const credentialParams = z.object({ clientId: credentialFields.clientId });

export type CredentialParams = z.infer<typeof credentialParams>;
