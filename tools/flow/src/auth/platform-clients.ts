import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { TokenKind } from '@bitaqa/auth';

import type { AppName } from '../app-catalogue';

/**
 * One client of the card authority's bootstrap file (AUTHORITY_BOOTSTRAP_CLIENTS_FILE): a
 * credential of the ministries' own apps or operators, with the secret its holder is given.
 */
export interface PlatformClient {
  audiences: AppName[];
  clientId: string;
  clientSecret: string;
  description: string;
  kind: TokenKind;
  scopes: string[];
  serviceId?: string;
  stationCode?: string;
}

/** Agency service id under which fuel allocation sends its turn notices (purpose fuel-turn). */
export const FUEL_NOTICE_SERVICE = 'fuel-allocation';

/** Client ids of the run's credentials, by what each one is for. */
export const CLIENT_IDS = {
  agencyApplicant: 'flow-agency-applicant',
  authorityOfficer: 'flow-authority-officer',
  civilClerk: 'flow-civil-clerk',
  fuelApp: 'fuel-allocation',
  fuelOfficer: 'flow-fuel-officer',
  identityOperator: 'flow-identity-operator',
  readerApp: 'reader-gateway',
  stationAttendant: 'flow-station-attendant',
} as const;

/** Client id of a fuel station's credential. */
export function stationClientId(stationId: string): string {
  return `station-${stationId.toLowerCase()}`;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function operator(
  clientId: string,
  audience: AppName,
  scopes: string[],
  description: string,
): PlatformClient {
  return {
    audiences: [audience],
    clientId,
    clientSecret: randomSecret(),
    description,
    kind: 'operator',
    scopes,
  };
}

/**
 * Creates the credentials the platform's operator hands out before the apps start, each with a
 * new random secret. They are one operator per ministry app, fuel allocation's notices to the
 * identity registry, the encoder site's reader gateway, every station, and an agency that may
 * apply for a service on the card.
 */
export function platformClients(stationIds: readonly string[]): PlatformClient[] {
  const stations = stationIds.map((stationId): PlatformClient => ({
    audiences: ['fuel-allocation'],
    clientId: stationClientId(stationId),
    clientSecret: randomSecret(),
    description: `station gateway of fuel station ${stationId}`,
    kind: 'station',
    scopes: ['fuel:redeem'],
    stationCode: stationId,
  }));

  return [
    operator(
      CLIENT_IDS.civilClerk,
      'civil-records',
      ['civil:import', 'civil:read', 'civil:write'],
      'civil registry clerk of the demo (Ministry of the Interior)',
    ),
    operator(
      CLIENT_IDS.identityOperator,
      'identity-registry',
      ['identity:agencies', 'identity:operate'],
      'identity registry operator of the demo (Ministry of Communications)',
    ),
    operator(
      CLIENT_IDS.fuelOfficer,
      'fuel-allocation',
      ['fuel:operate', 'fuel:read'],
      'fuel programme officer of the demo (Ministry of Oil)',
    ),
    operator(
      CLIENT_IDS.authorityOfficer,
      'card-authority',
      ['authority:cards', 'authority:officer'],
      'card authority officer of the demo',
    ),
    {
      ...operator(
        CLIENT_IDS.stationAttendant,
        'station-gateway',
        ['station:operate'],
        'pump attendant of the demo station',
      ),
      // The station gateway accepts only attendants bound to its own station; the flow's
      // gateway runs the first station.
      stationCode: stationIds[0] as string,
    },
    operator(
      CLIENT_IDS.agencyApplicant,
      'card-authority',
      ['authority:apply'],
      'partner agency of the demo that applies for a service on the card',
    ),
    {
      audiences: ['identity-registry'],
      clientId: CLIENT_IDS.fuelApp,
      clientSecret: randomSecret(),
      description: 'fuel allocation sending turn notices through the identity registry',
      kind: 'app',
      scopes: ['identity:notify'],
      serviceId: FUEL_NOTICE_SERVICE,
    },
    {
      audiences: ['card-authority'],
      clientId: CLIENT_IDS.readerApp,
      clientSecret: randomSecret(),
      description: "encoder site's reader gateway fetching card secrets",
      kind: 'app',
      scopes: ['authority:personalize'],
    },
    ...stations,
  ];
}

/** Finds a client of the run by id; a missing one is a bug in the flow. */
export function clientById(clients: readonly PlatformClient[], clientId: string): PlatformClient {
  const client = clients.find((entry) => entry.clientId === clientId);

  if (!client) throw new Error(`the platform has no client ${clientId}`);

  return client;
}

/**
 * Writes the bootstrap file readable by its owner only (mode 0600), because it contains
 * every client secret of the run.
 */
export function writeBootstrapFile(file: string, clients: readonly PlatformClient[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(clients, null, 2)}\n`, { mode: 0o600 });
  // The mode of writeFileSync applies only when it creates the file.
  chmodSync(file, 0o600);
}
