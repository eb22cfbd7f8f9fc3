import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import type { FuelAllocationConfig } from '../config';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';

import { TurnRunsService } from './turn-runs.service';
import { DEFAULT_TURN_SETTINGS } from './turn-settings';

/**
 * Runs the turn scheduler every `schedulerIntervalMs` while the service is up: expiries,
 * next-day scheduling and notices. Runs never overlap, because the next one is planned when the
 * previous one ends. Shutdown waits for a run in progress before the database closes.
 */
@Injectable()
export class BackgroundScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly intervalMs: number;
  private running: Promise<void> | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) config: FuelAllocationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly runs: TurnRunsService,
  ) {
    this.intervalMs = (config.turns ?? DEFAULT_TURN_SETTINGS).schedulerIntervalMs;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs === 0) return;

    this.plan();
    this.logger.info({ intervalMs: this.intervalMs }, 'turn scheduler started');
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private plan(): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.plan();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      await this.runs.runAll();
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'turn scheduler run failed');
    }
  }
}
