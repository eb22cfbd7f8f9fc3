import type { EventData, IdentityUpdated } from '@bitaqa/contracts';

/** An identity as identity-registry publishes it: full state, `version` +1 per change. */
export type IdentitySnapshot = EventData<typeof IdentityUpdated.type>;
