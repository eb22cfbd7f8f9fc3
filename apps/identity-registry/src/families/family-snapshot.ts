import type { EventData, FamilyUpdated } from '@bitaqa/contracts';

/** The whole family book entry after a change, as civil records published it. */
export type FamilySnapshot = EventData<typeof FamilyUpdated.type>;
