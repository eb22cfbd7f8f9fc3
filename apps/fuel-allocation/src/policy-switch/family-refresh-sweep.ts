import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { FamilyEntitlementsService } from '../entitlements/family-entitlements.service';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

/** Pause between sweeps, in milliseconds. */
export const SWEEP_INTERVAL_MS = 60_000;

/** Families refreshed per read of the stale list; each refresh is its own transaction. */
const BATCH_SIZE = 200;

/**
 * Brings every family with accounts that a new policy version marked stale (`refreshed_on`
 * null) onto the version, once a minute, so `EntitlementsChanged` goes out on the effective day even for
 * families that nobody reads or redeems for. A read or redemption refreshes a family sooner.
 */
@Injectable()
export class FamilyRefreshSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly families: FamilyEntitlementsService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: errorFields(error) }, 'family refresh sweep failed'),
      );
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Refreshes every stale family and returns how many; a sweep under way is joined. */
  sweep(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });

    return this.running;
  }

  private async run(): Promise<number> {
    let refreshed = 0;

    for (;;) {
      // Only families that already hold accounts: a family never refreshed gets its first grant
      // when it is first read or redeemed for, as before any switch.
      const stale = await this.prisma.$queryRaw<{ familyId: string }[]>`
        SELECT f.family_id AS "familyId" FROM families f
        WHERE f.refreshed_on IS NULL
          AND EXISTS (SELECT 1 FROM quota_accounts a WHERE a.family_id = f.family_id)
        ORDER BY f.family_id
        LIMIT ${BATCH_SIZE}`;

      if (stale.length === 0) break;

      for (const { familyId } of stale) {
        await this.prisma.transaction((tx) =>
          this.families.refresh(tx, familyId, 'policy version in force'),
        );
      }
      refreshed += stale.length;
      this.logger.info({ refreshed }, 'stale families refreshed');
    }

    return refreshed;
  }
}
