import type { TokenSource } from '@bitaqa/auth';

import type { AppName } from '../app-catalogue';

import { CountingTokenSource, tokenEndpoint } from './flow-tokens';
import { CLIENT_IDS, clientById, stationClientId, type PlatformClient } from './platform-clients';

/** Apps whose operator credential the flow holds. */
export type OperatedApp =
  'card-authority' | 'civil-records' | 'fuel-allocation' | 'identity-registry' | 'station-gateway';

const OPERATORS: Record<OperatedApp, string> = {
  'card-authority': CLIENT_IDS.authorityOfficer,
  'civil-records': CLIENT_IDS.civilClerk,
  'fuel-allocation': CLIENT_IDS.fuelOfficer,
  'identity-registry': CLIENT_IDS.identityOperator,
  'station-gateway': CLIENT_IDS.stationAttendant,
};

/**
 * The flow's view of the card authority: the run's bootstrap clients, and token sources that get
 * tokens for them at the authority's token endpoint. Each source is made once and keeps its token
 * until shortly before it expires.
 */
export class PlatformAuth {
  readonly tokenUrl: string;
  private readonly sources = new Map<string, CountingTokenSource>();

  constructor(
    readonly authorityUrl: string,
    readonly clients: readonly PlatformClient[],
  ) {
    this.tokenUrl = tokenEndpoint(authorityUrl);
  }

  /** Tokens of the operator of `app`, with every scope of that operator's credential. */
  operator(app: OperatedApp): TokenSource {
    return this.source(OPERATORS[app], app);
  }

  /** Tokens of the partner agency that applies for a service at the card authority. */
  applicant(): TokenSource {
    return this.source(CLIENT_IDS.agencyApplicant, 'card-authority');
  }

  /** Tokens of the reader gateway's credential, for its calls to the card authority. */
  readerGateway(): TokenSource {
    return this.source(CLIENT_IDS.readerApp, 'card-authority');
  }

  /** Tokens of a fuel station's credential, for calls straight to fuel allocation. */
  station(stationId: string): TokenSource {
    return this.source(stationClientId(stationId), 'fuel-allocation');
  }

  /** Distinct tokens the flow's own sources have fetched so far. */
  get tokensFetched(): number {
    return [...this.sources.values()].reduce((sum, source) => sum + source.fetched, 0);
  }

  private source(clientId: string, audience: AppName): CountingTokenSource {
    const key = `${clientId} ${audience}`;
    let source = this.sources.get(key);

    if (!source) {
      source = new CountingTokenSource(this.tokenUrl, clientById(this.clients, clientId), audience);
      this.sources.set(key, source);
    }

    return source;
  }
}
