import { z } from 'zod';

import { serviceId } from '@bitaqa/contracts';

export const applicationParams = z.object({ id: z.uuid('application id must be a UUID') });

export type ApplicationParams = z.infer<typeof applicationParams>;

export const serviceParams = z.object({ serviceId });

export type ServiceParams = z.infer<typeof serviceParams>;
