import type { CheckResult, ServiceRequest } from '../application';
import {
  CARD_SERVICE_BUDGET_BYTES,
  MAX_SLOT_SIZE_BYTES,
  SLOT_COUNT_LIMIT,
} from '../slots/slot-layout';

import type { CheckContext } from './check-context';
import { failed, passed } from './check-result';

/** A slot must fit one slot file of the card application. */
export function checkSlotSize(request: ServiceRequest): CheckResult {
  if (request.slotSizeBytes === 0) {
    return passed('SLOT_SIZE_FITS', 'the service needs no card slot');
  }

  if (request.slotSizeBytes > MAX_SLOT_SIZE_BYTES) {
    return failed(
      'SLOT_SIZE_FITS',
      `a slot of ${request.slotSizeBytes} bytes exceeds the slot file size of ${MAX_SLOT_SIZE_BYTES} bytes`,
    );
  }

  return passed('SLOT_SIZE_FITS', `${request.slotSizeBytes} bytes fit one slot file`);
}

/** The card must have a free slot file and enough of its service budget left. */
export function checkSlotSpace(request: ServiceRequest, context: CheckContext): CheckResult {
  if (request.slotSizeBytes === 0) {
    return passed('SLOT_SPACE_AVAILABLE', 'the service needs no card slot');
  }

  const { assignedCount, usedBytes } = context.slotUsage;

  if (assignedCount >= SLOT_COUNT_LIMIT) {
    return failed(
      'SLOT_SPACE_AVAILABLE',
      `all ${SLOT_COUNT_LIMIT} service slots of the card are assigned`,
    );
  }

  const freeBytes = CARD_SERVICE_BUDGET_BYTES - usedBytes;

  if (request.slotSizeBytes > freeBytes) {
    return failed(
      'SLOT_SPACE_AVAILABLE',
      `${request.slotSizeBytes} bytes exceed the ${freeBytes} bytes left of the card's ${CARD_SERVICE_BUDGET_BYTES}-byte service budget`,
    );
  }

  return passed(
    'SLOT_SPACE_AVAILABLE',
    `${SLOT_COUNT_LIMIT - assignedCount} slots and ${freeBytes} bytes are free`,
  );
}
