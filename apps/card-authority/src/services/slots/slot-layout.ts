import { FILE_TABLE } from '@bitaqa/card';

/** The card application's service slot files, in file id order, with their fixed sizes. */
export const SERVICE_SLOT_FILES: readonly { id: number; size: number }[] = FILE_TABLE.filter(
  (file) => file.kind === 'service',
)
  .map((file) => ({ id: file.id, size: file.size }))
  .sort((a, b) => a.id - b.id);

/** How many services the card can hold a slot for: one slot file each. */
export const SLOT_COUNT_LIMIT = SERVICE_SLOT_FILES.length;

/** Largest slot a service may ask for, in bytes: the size of one slot file. */
export const MAX_SLOT_SIZE_BYTES = Math.min(...SERVICE_SLOT_FILES.map((file) => file.size));

/** Bytes of the card application set aside for services, over all slot files. */
export const CARD_SERVICE_BUDGET_BYTES = SERVICE_SLOT_FILES.reduce(
  (total, file) => total + file.size,
  0,
);

/** Space the card has left for services. */
export interface SlotUsage {
  assignedCount: number;
  /** Bytes the assigned services asked for, over all assigned slots. */
  usedBytes: number;
}

/** KDF label of a service slot key: unique per slot file, so each slot has its own key. */
export function slotKeyLabel(fileId: number): string {
  return `BITAQA SLOT ${fileId.toString(16).toUpperCase().padStart(4, '0')}`;
}
