import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../infrastructure/tokens';

import { CatalogueService } from './catalogue.service';
import { PolicyPublisherService } from './policy-publisher.service';

/** Pause between catalogue refreshes, in milliseconds. */
export const CATALOGUE_REFRESH_MS = 60_000;

/**
 * Reloads the catalogue and publishes what took effect, once a minute. It picks up versions
 * that another instance added and switches policies and prices on their effective day without
 * a restart.
 */
@Injectable()
export class CatalogueRefreshLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publisher: PolicyPublisherService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), CATALOGUE_REFRESH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs one refresh; a refresh already under way is joined rather than started again. */
  refresh(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });

    return this.running;
  }

  private async run(): Promise<void> {
    try {
      await this.catalogue.reload();
      await this.publisher.publishPending();
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'catalogue refresh failed');
    }
  }
}
