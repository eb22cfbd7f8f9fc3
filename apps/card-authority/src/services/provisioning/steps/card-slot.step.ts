import { Injectable } from '@nestjs/common';

import type { DbTransaction } from '../../../database/transaction';
import { toSlotView } from '../../applications/application-view';
import { ServiceSlots } from '../../slots/service-slots';
import type { LocalStep, StepContext, StepOutcome } from '../operation-step';

/** Assigns a card slot file on provisioning and releases it on revocation. */
@Injectable()
export class CardSlotStep implements LocalStep {
  readonly kind = 'local';

  readonly name = 'card-slot';

  constructor(private readonly slots: ServiceSlots) {}

  async run({ application, now, operation }: StepContext, tx: DbTransaction): Promise<StepOutcome> {
    if (operation.kind === 'revoke') {
      const released = await this.slots.release(tx, application.id, now);

      return released === null
        ? { result: { reason: 'the service holds no slot' }, skipped: true }
        : { result: { released: toSlotView(released) } };
    }

    if (application.slotSizeBytes === 0) {
      return { result: { reason: 'the service needs no card slot' }, skipped: true };
    }

    return { result: { slot: toSlotView(await this.slots.assign(tx, application)) } };
  }
}
