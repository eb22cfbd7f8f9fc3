import type { CalendarDay } from '../calendar/calendar-day';
import type { Period } from '../calendar/period';
import type { ProductCode } from '../catalogue/catalogue.types';

export type LedgerEntryKind = 'adjustment' | 'expiry' | 'grant' | 'redemption' | 'reversal';

/** Whose quota an account holds: a family (family products) or a vehicle (gasoline). */
export type AccountOwner = { familyId: string } | { vehiclePlate: string };

/** A quota account's state; `balance` equals the sum of the account's ledger entries. */
export interface QuotaAccount {
  balance: number;
  expiredAt: Date | null;
  familyId: string | null;
  /** Sum of grants and adjustments: what the period's entitlement came to. */
  granted: number;
  id: bigint;
  periodEnd: CalendarDay;
  periodStart: CalendarDay;
  policyId: number;
  productCode: ProductCode;
  vehiclePlate: string | null;
}

export interface NewAccount {
  owner: AccountOwner;
  period: Period;
  policyId: number;
  productCode: ProductCode;
  /** First grant, in the product's unit; must be positive. */
  quantity: number;
  reason: string;
}

/** A movement on a locked account: positive quantities credit it, negative ones debit it. */
export interface LedgerPosting {
  kind: LedgerEntryKind;
  quantity: number;
  reason: string;
  redemptionId?: string;
}
