import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';

import { ExpiryService } from './expiry.service';

/**
 * Runs the expiry job every `expiryIntervalMs` after boot, one run at a time. A run that fails
 * is logged and the next one retries, because every card it missed is still due.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private current: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly expiry: ExpiryService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.expiryIntervalMs === 0) {
      this.logger.info({}, 'card expiry job turned off');

      return;
    }

    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.current = this.expiry
        .expireDue()
        .catch((error: unknown) => this.logger.error({ err: error }, 'card expiry run failed'))
        .finally(() => {
          this.current = undefined;

          if (this.timer !== undefined) this.schedule();
        });
    }, this.config.expiryIntervalMs);
  }
}
