import { Injectable } from '@nestjs/common';

import { ConflictError } from '@bitaqa/http';

import type { DbTransaction } from '../../database/transaction';
import type { ServiceSlot } from '../../generated/prisma/client';
import { KeyVersionsService } from '../../keys/key-versions.service';

import { SERVICE_SLOT_FILES, slotKeyLabel, type SlotUsage } from './slot-layout';

// Serializes slot assignment across processes, so two approvals never pick the same file id.
// The partial unique index on assigned file ids backs it up.
const SLOT_LOCK_KEY = 7_416_001;

/** Assigns and releases the card's service slot files. */
@Injectable()
export class ServiceSlots {
  constructor(private readonly keyVersions: KeyVersionsService) {}

  /**
   * Assigns the lowest free slot file to the application, or returns the slot it already holds.
   * A service that needs its own key gets a key label and the active issuer key version, from
   * which personalization derives the slot key per card with the card-keys KDF.
   */
  async assign(
    tx: DbTransaction,
    application: { id: string; needsOwnKey: boolean; serviceId: string; slotSizeBytes: number },
  ): Promise<ServiceSlot> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLOT_LOCK_KEY})`;

    const held = await tx.serviceSlot.findUnique({ where: { applicationId: application.id } });

    if (held !== null && held.releasedAt === null) {
      return held;
    }

    const taken = new Set(
      (
        await tx.serviceSlot.findMany({ select: { fileId: true }, where: { releasedAt: null } })
      ).map((slot) => slot.fileId),
    );
    const free = SERVICE_SLOT_FILES.find((file) => !taken.has(file.id));

    if (free === undefined) {
      throw new ConflictError(
        'CARD_SLOTS_FULL',
        `all ${SERVICE_SLOT_FILES.length} service slots of the card are assigned`,
        {
          hint: 'revoke a service that no longer needs its slot, then retry the provisioning',
        },
      );
    }

    const keyVersion = application.needsOwnKey ? (await this.keyVersions.active()).version : null;
    const fields = {
      assignedAt: new Date(),
      fileId: free.id,
      keyLabel: application.needsOwnKey ? slotKeyLabel(free.id) : null,
      keyVersion,
      releasedAt: null,
      serviceId: application.serviceId,
      sizeBytes: application.slotSizeBytes,
    };

    return tx.serviceSlot.upsert({
      create: { ...fields, applicationId: application.id },
      update: fields,
      where: { applicationId: application.id },
    });
  }

  /** Releases the application's slot. A released or missing slot is left as it is. */
  async release(tx: DbTransaction, applicationId: string, now: Date): Promise<ServiceSlot | null> {
    await tx.serviceSlot.updateMany({
      data: { releasedAt: now },
      where: { applicationId, releasedAt: null },
    });

    return tx.serviceSlot.findUnique({ where: { applicationId } });
  }

  /** Sums the slots assigned to services other than the given application. */
  async usage(tx: DbTransaction, exceptApplicationId?: string): Promise<SlotUsage> {
    const assigned = await tx.serviceSlot.aggregate({
      _count: { _all: true },
      _sum: { sizeBytes: true },
      where: {
        releasedAt: null,
        ...(exceptApplicationId === undefined
          ? {}
          : { applicationId: { not: exceptApplicationId } }),
      },
    });

    return { assignedCount: assigned._count._all, usedBytes: assigned._sum.sizeBytes ?? 0 };
  }
}
