import { readFileSync } from 'node:fs';

import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { z } from 'zod';

import type { TrustAnchor } from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { StationConfig } from '../config';
import { LOGGER, STATION_CONFIG } from '../tokens';

import { CardAuthorityClient } from './card-authority.client';
import {
  checkIssuerCertificate,
  issuerCertificatesFile,
  type IssuerCertificateEntry,
  type TrustAnchorSource,
} from './issuer-certificates';
import { TrustAnchorError } from './trust-anchor-error';
import { TrustAnchorRepository, type TrustAnchorView } from './trust-anchor.repository';

/** Counts of one load or refresh of issuer certificates, by what happened to the stored anchor. */
export interface TrustAnchorSync {
  created: number;
  unchanged: number;
  updated: number;
}

/**
 * Keeps the station's trust anchors: the file named by ISSUER_CERTIFICATES_FILE at start, then
 * the card authority's issuer certificates at start and every TRUST_ANCHOR_REFRESH_MS. A failed
 * fetch keeps the stored anchors, so a station that lost its link goes on checking cards.
 */
@Injectable()
export class TrustAnchorsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly authority: CardAuthorityClient | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(STATION_CONFIG) private readonly config: StationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TrustAnchorRepository) private readonly anchors: TrustAnchorRepository,
  ) {
    this.authority =
      config.cardAuthorityUrl === undefined
        ? undefined
        : new CardAuthorityClient(config.cardAuthorityUrl, config.cardAuthorityTimeoutMs);
  }

  /** Loads the file (a bad file stops the start) and starts refreshing from the authority. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.issuerCertificatesFile !== undefined) {
      await this.loadFile(this.config.issuerCertificatesFile);
    }

    if (this.authority === undefined) return;

    void this.refreshQuietly();
    this.refreshTimer = setInterval(
      () => void this.refreshQuietly(),
      this.config.trustAnchorRefreshMs,
    );
    this.refreshTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.refreshTimer);
  }

  find(keyVersion: number): TrustAnchor | undefined {
    return this.anchors.find(keyVersion);
  }

  list(): TrustAnchorView[] {
    return this.anchors.list();
  }

  /** Reads an issuer certificates file and stores every certificate in it. */
  async loadFile(path: string): Promise<TrustAnchorSync> {
    let entries: IssuerCertificateEntry[];

    try {
      entries = issuerCertificatesFile.parse(
        JSON.parse(readFileSync(path, 'utf8')),
      ).issuerCertificates;
    } catch (error) {
      const reason = error instanceof z.ZodError ? z.prettifyError(error) : String(error);

      throw new TrustAnchorError(
        'ISSUER_CERTIFICATES_FILE_INVALID',
        `issuer certificates file ${path} is unreadable or invalid: ${reason}`,
        { path },
        { cause: error },
      );
    }

    const sync = await this.saveAll(entries, 'file');

    this.logger.info({ path, ...sync }, 'issuer certificates loaded from file');

    return sync;
  }

  /**
   * Fetches the authority's active issuer certificate, then those of every earlier key version
   * (versions count up from 1), and stores them with their status, retired ones included.
   */
  async refresh(): Promise<TrustAnchorSync> {
    if (this.authority === undefined) {
      throw new TrustAnchorError(
        'CARD_AUTHORITY_NOT_CONFIGURED',
        'CARD_AUTHORITY_URL is not set, so the station cannot fetch issuer certificates',
      );
    }

    const active = await this.authority.issuerCertificate();

    if (active === undefined) {
      throw new TrustAnchorError(
        'CARD_AUTHORITY_UNAVAILABLE',
        'the card authority has no active issuer key version yet',
      );
    }

    const entries = [active];

    for (let version = 1; version < active.version; version += 1) {
      const entry = await this.authority.issuerCertificate(version);

      if (entry !== undefined) entries.push(entry);
    }

    const sync = await this.saveAll(entries, 'authority');

    this.logger.info(
      { url: this.config.cardAuthorityUrl, ...sync },
      'issuer certificates refreshed',
    );

    return sync;
  }

  private async refreshQuietly(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      this.logger.warn(
        { err: errorFields(error), url: this.config.cardAuthorityUrl },
        'issuer certificate refresh failed, keeping the stored ones',
      );
    }
  }

  private async saveAll(
    entries: IssuerCertificateEntry[],
    source: TrustAnchorSource,
  ): Promise<TrustAnchorSync> {
    const sync: TrustAnchorSync = { created: 0, unchanged: 0, updated: 0 };
    const now = new Date();

    for (const entry of entries) {
      const outcome = await this.anchors.save(checkIssuerCertificate(entry, source, now));

      sync[outcome] += 1;
    }

    return sync;
  }
}
