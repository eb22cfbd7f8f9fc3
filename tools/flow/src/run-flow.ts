import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TokenSource } from '@bitaqa/auth';
import {
  feedPopulation,
  MANIFEST_FILE,
  writePopulation,
  type FeedSummary,
} from '@bitaqa/population';

import { acquireVpcdLock } from '@bitaqa/card';

import { CardOutputStack } from './card-output';
import {
  entitlementChanges,
  pickLargeFamilies,
  registerHolderDeaths,
  waitUntilStationRefuses,
  type EntitlementChange,
  type HolderDeath,
} from './deaths';
import { getOk } from './http-json';
import { startPlatform, type PlatformOptions } from './platform';
import { runRegistryStep, type RegistryStepResult } from './registry-step';
import { raceTwoStations, runSales, type SalesResult } from './sales';
import { describeCard } from './sample-card';
import { takeSnapshot, type PlatformSnapshot } from './snapshot';
import { StationPump } from './station-pump';
import { waitUntilSettled } from './wait-settled';

export interface FlowOptions {
  /** Service id of the partner agency's service that is onboarded, used and suspended. */
  agencyServiceId: string;
  /** Card holders whose death is registered after their card was issued. */
  deathsAfterIssue: number;
  /** Folder the civil status extract and family sheet PDFs are written to. */
  documentsDir: string;
  families: number;
  onProgress: (line: string) => void;
  platform: PlatformOptions;
  populationDir: string;
  /** Cards served one gas cylinder each at the station; the rest stay unused. */
  sales: number;
  seed: number;
  vpcdHost: string;
}

export interface FlowResult {
  after: PlatformSnapshot;
  auth: AuthResult;
  deaths: HolderDeath[];
  entitlementChanges: EntitlementChange[];
  feed: FeedSummary;
  issued: PlatformSnapshot;
  race: number[];
  /** Civil records and identity registry features shown on one family; undefined if none fit. */
  registry: RegistryStepResult | undefined;
  refusedAfterDeath: { body: Record<string, unknown>; status: number }[];
  sales: SalesResult;
  sampleCard: Record<string, unknown> | undefined;
  secondStationId: string;
}

/** Outcome of the access token part of the run. */
export interface AuthResult {
  /** Clients of the bootstrap file, as `<clientId> (<kind>)`. */
  bootstrapClients: string[];
  /** Tokens the card authority logged as issued during the run, to apps and to the flow. */
  tokensIssued: number;
  /** Tokens the flow's own operator, station and agency sources fetched. */
  tokensFetchedByFlow: number;
}

function ensurePopulation(options: FlowOptions): void {
  const manifest = join(options.populationDir, MANIFEST_FILE);

  if (existsSync(manifest)) {
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as {
      families?: number;
      seed?: number;
    };

    if (written.families === options.families && written.seed === options.seed) return;
  }
  options.onProgress(`generating ${options.families} families (seed ${options.seed})`);
  writePopulation(options.populationDir, { families: options.families, seed: options.seed });
}

/** Cards the station gateway would accept, read with the attendant's token. */
async function usableCards(
  stationUrl: string,
  attendant: TokenSource,
  cardNumbers: string[],
): Promise<string[]> {
  const usable: string[] = [];

  for (const cardNumber of cardNumbers) {
    const view = await getOk<{ usable: boolean }>(
      `${stationUrl}/cards/${cardNumber}/status`,
      attendant,
    );

    if (view.usable) usable.push(cardNumber);
  }

  return usable;
}

/**
 * Runs the main flow on real apps: civil records -> identities -> cards written through PC/SC ->
 * quotas -> station sales -> holder deaths refused at the station. Returns what each step did.
 */
export async function runFlow(options: FlowOptions): Promise<FlowResult> {
  const log = options.onProgress;

  ensurePopulation(options);

  // Another run putting cards into the same vpcd slots would swap cards under this one.
  const releaseVpcd = await acquireVpcdLock();
  const cards = new CardOutputStack(options.vpcdHost, options.platform.vpcdPort);

  await cards.start();
  log('starting the six apps');

  const platform = await startPlatform(options.platform);

  try {
    log('feeding civil records');
    const feed = await feedPopulation({
      dir: options.populationDir,
      onProgress: log,
      tokens: platform.auth.operator('civil-records'),
      url: platform.url('civil-records'),
    });
    const issued = await waitUntilSettled(platform, cards, { onProgress: log });
    const stationUrl = platform.url('station-gateway');
    const attendant = platform.auth.operator('station-gateway');
    const issuedUsable = await usableCards(stationUrl, attendant, cards.cardNumbers());

    log('divorce, name correction, extracts, agency onboarding, lookups and SMS on one family');
    const registry = await runRegistryStep(
      platform,
      issuedUsable,
      options.documentsDir,
      options.agencyServiceId,
    );
    const usable = issuedUsable.filter((cardNumber) => cardNumber !== registry?.cardNumber);
    const pump = new StationPump(
      stationUrl,
      attendant,
      options.vpcdHost,
      options.platform.vpcdPort + 1,
    );
    const fuelUrl = platform.url('fuel-allocation');
    const fuelOfficer = platform.auth.operator('fuel-allocation');
    const largeFamilies = await pickLargeFamilies(
      fuelUrl,
      fuelOfficer,
      usable,
      options.deathsAfterIssue,
    );
    const toDie = [...largeFamilies.keys()];
    const others = usable.filter((cardNumber) => !largeFamilies.has(cardNumber));
    const raceCard = others[0];
    const toServe = others.slice(1, 1 + options.sales);

    log(`serving ${toServe.length} cards at station ${options.platform.stationId}`);
    const sales = await runSales(pump, cards, toServe, log);
    const { secondStationId } = platform;
    const race = raceCard
      ? await raceTwoStations(fuelUrl, raceCard, [
          {
            stationId: options.platform.stationId,
            tokens: platform.auth.station(options.platform.stationId),
          },
          { stationId: secondStationId, tokens: platform.auth.station(secondStationId) },
        ])
      : [];

    log(`registering the deaths of ${toDie.length} card holders`);
    const deaths = await registerHolderDeaths(platform, toDie);

    await waitUntilStationRefuses(stationUrl, attendant, toDie);

    const refusedAfterDeath = [];

    for (const cardNumber of toDie) {
      const image = cards.card(cardNumber);

      if (image)
        refusedAfterDeath.push(
          await pump.sell(cardNumber, image, { productCode: 'gas-cylinder', quantity: 1 }),
        );
    }

    const after = await waitUntilSettled(platform, cards, { onProgress: log });
    const changes = await entitlementChanges(fuelUrl, fuelOfficer, largeFamilies);
    const firstCard = usable[0] ? cards.card(usable[0]) : undefined;

    return {
      after,
      auth: {
        bootstrapClients: platform.auth.clients.map(
          (client) => `${client.clientId} (${client.kind})`,
        ),
        tokensFetchedByFlow: platform.auth.tokensFetched,
        tokensIssued: platform.apps['card-authority'].countLogMessages('token issued'),
      },
      deaths,
      entitlementChanges: changes,
      feed,
      issued,
      race,
      registry,
      refusedAfterDeath,
      sales,
      sampleCard: firstCard ? describeCard(firstCard) : undefined,
      secondStationId,
    };
  } finally {
    await platform.stop();
    await cards.stop();
    releaseVpcd();
  }
}

export { takeSnapshot };
