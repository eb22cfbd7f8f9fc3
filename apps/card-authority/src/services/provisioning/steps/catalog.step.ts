import { Injectable } from '@nestjs/common';

import { ServiceApproved, ServiceReinstated } from '@bitaqa/contracts';

import type { DbTransaction } from '../../../database/transaction';
import { enqueueServiceChange } from '../../events/service-events';
import type { LocalStep, StepContext, StepOutcome } from '../operation-step';

/**
 * Makes the service active in the public catalog once everything else is in place, and
 * publishes the approval or reinstatement in the same transaction.
 */
@Injectable()
export class CatalogStep implements LocalStep {
  readonly kind = 'local';

  readonly name = 'catalog';

  async run({ application, now, operation }: StepContext, tx: DbTransaction): Promise<StepOutcome> {
    const updated = await tx.serviceApplication.update({
      data: { status: 'active', statusReason: operation.reason },
      where: { id: application.id },
    });
    const event = operation.kind === 'reinstate' ? ServiceReinstated : ServiceApproved;

    await enqueueServiceChange(tx, event, updated, operation.reason, now);

    return { result: { event: event.type, status: updated.status } };
  }
}
