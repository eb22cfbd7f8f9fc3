import type { z } from 'zod';

import type { EventDefinition } from './event-definition';
import {
  CardLifecycleChanged,
  CardReplaced,
  CardStatusChanged,
  PersonalizationRequested,
} from './events/authority';
import { FamilyUpdated, PersonCorrected, PersonDied, PersonRegistered } from './events/civil';
import {
  EntitlementsChanged,
  PolicyPublished,
  RedemptionRecorded,
  TurnCancelled,
  TurnCompleted,
  TurnExpired,
  TurnScheduled,
} from './events/fuel';
import {
  IdentityDuplicateResolved,
  IdentityUpdated,
  MobileNumberBound,
  MobileNumberUnbound,
} from './events/identity';
import {
  CardRekeyed,
  KeyVersionRetired,
  KeyVersionRetiring,
  KeyVersionStarted,
} from './events/key-versions';
import { PersonalizationCompleted, PersonalizationFailed } from './events/reader';
import {
  ServiceApplied,
  ServiceApproved,
  ServiceRejected,
  ServiceReinstated,
  ServiceRevoked,
  ServiceSuspended,
} from './events/services';
import { CardFlagged } from './events/station';

/** Every event type the platform knows, keyed by its CloudEvents type. */
export const EVENTS = {
  [CardFlagged.type]: CardFlagged,
  [CardLifecycleChanged.type]: CardLifecycleChanged,
  [CardRekeyed.type]: CardRekeyed,
  [CardReplaced.type]: CardReplaced,
  [CardStatusChanged.type]: CardStatusChanged,
  [EntitlementsChanged.type]: EntitlementsChanged,
  [FamilyUpdated.type]: FamilyUpdated,
  [IdentityDuplicateResolved.type]: IdentityDuplicateResolved,
  [IdentityUpdated.type]: IdentityUpdated,
  [KeyVersionRetired.type]: KeyVersionRetired,
  [KeyVersionRetiring.type]: KeyVersionRetiring,
  [KeyVersionStarted.type]: KeyVersionStarted,
  [MobileNumberBound.type]: MobileNumberBound,
  [MobileNumberUnbound.type]: MobileNumberUnbound,
  [PersonCorrected.type]: PersonCorrected,
  [PersonDied.type]: PersonDied,
  [PersonRegistered.type]: PersonRegistered,
  [PersonalizationCompleted.type]: PersonalizationCompleted,
  [PersonalizationFailed.type]: PersonalizationFailed,
  [PersonalizationRequested.type]: PersonalizationRequested,
  [PolicyPublished.type]: PolicyPublished,
  [RedemptionRecorded.type]: RedemptionRecorded,
  [ServiceApplied.type]: ServiceApplied,
  [ServiceApproved.type]: ServiceApproved,
  [ServiceRejected.type]: ServiceRejected,
  [ServiceReinstated.type]: ServiceReinstated,
  [ServiceRevoked.type]: ServiceRevoked,
  [ServiceSuspended.type]: ServiceSuspended,
  [TurnCancelled.type]: TurnCancelled,
  [TurnCompleted.type]: TurnCompleted,
  [TurnExpired.type]: TurnExpired,
  [TurnScheduled.type]: TurnScheduled,
} as const;

export type EventMap = typeof EVENTS;

export type EventType = keyof EventMap;

/** The data carried by an event type, as its schema parses it. */
export type EventData<Type extends EventType> = z.infer<EventMap[Type]['schema']>;

export function findEventDefinition(type: string): EventDefinition | undefined {
  return (EVENTS as Record<string, EventDefinition>)[type];
}
