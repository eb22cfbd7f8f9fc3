import type { RunningPlatform } from './platform';
import { getOk } from './http-json';

interface CivilStats {
  deaths: number;
  families: number;
  livingPersons: number;
  marriages: number;
  pendingEvents: number;
  persons: number;
}

interface IdentityStats {
  active: number;
  deceased: number;
  heads: number;
  identities: number;
}

interface AuthorityStats {
  byStatus: Record<string, number>;
  personalizationFailed: number;
  total: number;
}

interface FuelStats {
  cards: number;
  families: number;
  products: { granted: number; productCode: string; unit: string }[];
  redemptions: number;
}

interface StationStats {
  cards: { byStatus: Record<string, number>; total: number };
  transactions: Record<string, number>;
}

/** Counts read from every app's `/stats` at one moment. */
export interface PlatformSnapshot {
  authority: AuthorityStats;
  civil: CivilStats;
  fuel: FuelStats;
  identity: IdentityStats;
  station: StationStats;
}

export async function takeSnapshot(platform: RunningPlatform): Promise<PlatformSnapshot> {
  const { auth } = platform;
  const [civil, identity, authority, fuel, station] = await Promise.all([
    getOk<CivilStats>(`${platform.url('civil-records')}/stats`, auth.operator('civil-records')),
    getOk<IdentityStats>(`${platform.url('identity-registry')}/stats`),
    getOk<AuthorityStats>(
      `${platform.url('card-authority')}/stats`,
      auth.operator('card-authority'),
    ),
    getOk<FuelStats>(`${platform.url('fuel-allocation')}/stats`, auth.operator('fuel-allocation')),
    getOk<StationStats>(
      `${platform.url('station-gateway')}/stats`,
      auth.operator('station-gateway'),
    ),
  ]);

  return { authority, civil, fuel, identity, station };
}

const WAITING_STATUSES = ['requested', 'approved', 'queued'];

/** Cards the authority still waits on, not counting those flagged for an officer. */
export function cardsInPipeline(snapshot: PlatformSnapshot): number {
  const waiting = WAITING_STATUSES.reduce(
    (sum, status) => sum + (snapshot.authority.byStatus[status] ?? 0),
    0,
  );

  return waiting - snapshot.authority.personalizationFailed;
}

/**
 * True when every event has gone all the way through: every person has an identity, no card
 * waits for personalization, and fuel allocation and the station know every card.
 */
export function isSettled(snapshot: PlatformSnapshot): boolean {
  return (
    snapshot.civil.pendingEvents === 0 &&
    snapshot.identity.identities === snapshot.civil.persons &&
    snapshot.identity.deceased === snapshot.civil.deaths &&
    cardsInPipeline(snapshot) === 0 &&
    snapshot.fuel.cards === snapshot.authority.total &&
    snapshot.station.cards.total === snapshot.authority.total
  );
}

export function describeSnapshot(snapshot: PlatformSnapshot, personalized: number): string {
  const issued = snapshot.authority.byStatus.issued ?? 0;

  return [
    `persons ${snapshot.civil.persons}`,
    `families ${snapshot.civil.families}`,
    `identities ${snapshot.identity.identities}`,
    `cards ${snapshot.authority.total} (queued ${cardsInPipeline(snapshot)}, written ${personalized}, issued ${issued})`,
    `fuel families ${snapshot.fuel.families}`,
    `station cards ${snapshot.station.cards.total}`,
  ].join(' | ');
}
