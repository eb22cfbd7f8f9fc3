import { randomUUID } from 'node:crypto';

import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { CardStatusChanged } from '@bitaqa/contracts';
import { ConflictError, NotFoundError } from '@bitaqa/http';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { cardStatusData } from '../cards/card-status-event';
import { CardRepository } from '../cards/card.repository';
import { APP_CONFIG, type AppConfig } from '../config';
import { CLOCK, LOGGER, type Clock } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../database/transaction';
import { EVENT_SOURCE } from '../messaging/event-source';

import { toHotlistRebuild, type HotlistRebuild, type HotlistRebuildRow } from './hotlist-rebuild';

const REBUILD_COLUMNS = `batch_size AS "batchSize", error, finished_at AS "finishedAt", id::text AS id,
  last_card_number AS "lastCardNumber", published_cards AS "publishedCards",
  requested_at AS "requestedAt", status::text AS status, total_cards AS "totalCards"`;

/**
 * Republishes the current status of every card on the compacted authority.card-status, in card
 * number order and in batches, each batch through the outbox in its own transaction. Stations
 * reject cards they have no status for, so every card is republished and not only hotlisted
 * ones: a station that rebuilds its cache from the topic alone then has every card's status. A rebuild
 * survives a restart, because the app resumes a running rebuild at boot after the last card
 * number it recorded.
 */
@Injectable()
export class HotlistRebuildService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private current: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly cards: CardRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Starts a rebuild; 409 while another one runs. */
  async start(): Promise<HotlistRebuild> {
    const id = randomUUID();
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO hotlist_rebuilds (id, batch_size, total_cards, requested_at, updated_at)
      SELECT ${id}::uuid, ${this.config.hotlistRebuildBatchSize}, count(*), ${this.clock.now()},
        ${this.clock.now()}
      FROM cards
      ON CONFLICT (status) WHERE status = 'running' DO NOTHING`;

    if (inserted === 0) {
      const running = await this.findRunning();

      throw new ConflictError('HOTLIST_REBUILD_RUNNING', 'a hotlist rebuild is already running', {
        hint: `follow it with GET /hotlist/rebuilds/${running?.id ?? ':id'}`,
        value: running?.id,
      });
    }

    const rebuild = await this.find(id);

    this.logger.info({ rebuildId: id, totalCards: rebuild.totalCards }, 'hotlist rebuild started');
    this.launch(id);

    return rebuild;
  }

  async find(id: string): Promise<HotlistRebuild> {
    const [row] = await this.prisma.$queryRawUnsafe<HotlistRebuildRow[]>(
      `SELECT ${REBUILD_COLUMNS} FROM hotlist_rebuilds WHERE id = $1::uuid`,
      id,
    );

    if (!row) {
      throw new NotFoundError('HOTLIST_REBUILD_NOT_FOUND', `hotlist rebuild ${id} not found`, {
        field: 'id',
        value: id,
      });
    }

    return toHotlistRebuild(row);
  }

  /** Resumes a rebuild that a previous run of the service left running. */
  async onApplicationBootstrap(): Promise<void> {
    const running = await this.findRunning();

    if (running) {
      this.logger.info(
        { lastCardNumber: running.lastCardNumber, rebuildId: running.id },
        'hotlist rebuild resumed',
      );
      this.launch(running.id);
    }
  }

  /** Lets the batch in progress commit, then stops; the next start resumes after it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.current;
  }

  private async findRunning(): Promise<HotlistRebuild | undefined> {
    const [row] = await this.prisma.$queryRawUnsafe<HotlistRebuildRow[]>(
      `SELECT ${REBUILD_COLUMNS} FROM hotlist_rebuilds WHERE status = 'running'`,
    );

    return row ? toHotlistRebuild(row) : undefined;
  }

  private launch(id: string): void {
    const run = this.run(id).finally(() => {
      if (this.current === run) this.current = undefined;
    });

    this.current = run;
  }

  private async run(id: string): Promise<void> {
    try {
      let finished = false;

      while (!finished && !this.stopping) {
        finished = await this.prisma.$transaction(
          (tx) => this.publishBatch(tx, id),
          TRANSACTION_OPTIONS,
        );
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);

      this.logger.error({ err: error, rebuildId: id }, 'hotlist rebuild failed');
      await this.prisma.$executeRaw`
        UPDATE hotlist_rebuilds SET status = 'failed', error = ${message.slice(0, 500)},
          finished_at = ${this.clock.now()}, updated_at = ${this.clock.now()}
        WHERE id = ${id}::uuid AND status = 'running'`;
    }
  }

  /** Publishes the next batch; returns true when the rebuild has finished. */
  private async publishBatch(tx: DbTransaction, id: string): Promise<boolean> {
    const [rebuild] = await tx.$queryRawUnsafe<HotlistRebuildRow[]>(
      `SELECT ${REBUILD_COLUMNS} FROM hotlist_rebuilds WHERE id = $1::uuid FOR UPDATE`,
      id,
    );

    if (!rebuild || rebuild.status !== 'running') return true;

    const now = this.clock.now();
    const cards = await this.cards.listAfterForShare(tx, rebuild.lastCardNumber, rebuild.batchSize);

    for (const card of cards) {
      await enqueueEvent(tx, CardStatusChanged, cardStatusData(card, card.updatedAt), {
        source: EVENT_SOURCE,
        time: now,
      });
    }

    const finished = cards.length < rebuild.batchSize;
    const published = rebuild.publishedCards + cards.length;
    const lastCardNumber = cards.at(-1)?.cardNumber ?? rebuild.lastCardNumber;

    await tx.$executeRaw`
      UPDATE hotlist_rebuilds SET published_cards = ${published},
        last_card_number = ${lastCardNumber}, updated_at = ${now},
        status = CASE WHEN ${finished} THEN 'completed'::hotlist_rebuild_status ELSE status END,
        finished_at = CASE WHEN ${finished} THEN ${now} ELSE finished_at END
      WHERE id = ${id}::uuid`;

    const progress = { lastCardNumber, published, rebuildId: id, totalCards: rebuild.totalCards };

    this.logger.info(progress, finished ? 'hotlist rebuild completed' : 'hotlist rebuild progress');

    return finished;
  }
}
