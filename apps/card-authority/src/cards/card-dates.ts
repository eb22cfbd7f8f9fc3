/** A card is valid for this many years from its issue date. */
export const CARD_VALIDITY_YEARS = 5;

/** Formats a date as its UTC calendar day, YYYY-MM-DD. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Computes the expiry date of a card issued on `issueDate` (UTC calendar day). A card issued on
 * 29 February expires on 28 February, because the target year has no 29 February.
 */
export function expiryDateFor(issueDate: Date): Date {
  const year = issueDate.getUTCFullYear() + CARD_VALIDITY_YEARS;
  const month = issueDate.getUTCMonth();
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(issueDate.getUTCDate(), lastDayOfMonth);

  return new Date(Date.UTC(year, month, day));
}

/** Midnight UTC of the calendar day of `instant`. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}
