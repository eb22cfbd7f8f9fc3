import { Injectable } from '@nestjs/common';

import { dateToDay, dayToDate } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { QuotaAccount as QuotaAccountRow } from '../generated/prisma/client';
import type { Tx } from '../infrastructure/prisma.service';

import { InsufficientBalanceError } from './insufficient-balance.error';
import type { LedgerPosting, NewAccount, QuotaAccount } from './ledger.types';

/** Columns of `quota_accounts` as PostgreSQL returns them to a raw query. */
interface LockedAccountRow {
  balance: number;
  expired_at: Date | null;
  family_id: string | null;
  granted: number;
  id: bigint | number | string;
  period_end: Date;
  period_start: Date;
  policy_id: number;
  product_code: string;
  vehicle_plate: string | null;
}

export function accountFromRow(row: QuotaAccountRow): QuotaAccount {
  return {
    balance: row.balance,
    expiredAt: row.expiredAt,
    familyId: row.familyId,
    granted: row.granted,
    id: row.id,
    periodEnd: dateToDay(row.periodEnd),
    periodStart: dateToDay(row.periodStart),
    policyId: row.policyId,
    productCode: row.productCode as ProductCode,
    vehiclePlate: row.vehiclePlate,
  };
}

/**
 * The quota ledger. Entries are only appended (a database trigger rejects updates and deletes).
 * Each posting appends the entry and moves the balance of an account the caller locked, in the
 * caller's transaction, so the balance equals the sum of the account's entries.
 */
@Injectable()
export class LedgerService {
  /** Locks the account row until the transaction ends and returns its current state. */
  async lockAccount(tx: Tx, accountId: bigint): Promise<QuotaAccount> {
    // One statement both locks and reads, which saves a round trip on every debit.
    const rows = await tx.$queryRaw<LockedAccountRow[]>`
      SELECT id, balance, expired_at, family_id, granted, period_end, period_start, policy_id,
             product_code, vehicle_plate
      FROM quota_accounts WHERE id = ${accountId} FOR UPDATE`;
    const row = rows[0];

    if (!row) throw new Error(`quota account ${accountId} not found`);

    return {
      balance: row.balance,
      expiredAt: row.expired_at,
      familyId: row.family_id,
      granted: row.granted,
      id: BigInt(row.id),
      periodEnd: dateToDay(row.period_end),
      periodStart: dateToDay(row.period_start),
      policyId: row.policy_id,
      productCode: row.product_code as ProductCode,
      vehiclePlate: row.vehicle_plate,
    };
  }

  /** Opens an account for one owner, product and period with its first grant. */
  async openAccount(tx: Tx, account: NewAccount): Promise<QuotaAccount> {
    const row = await tx.quotaAccount.create({
      data: {
        balance: account.quantity,
        familyId: 'familyId' in account.owner ? account.owner.familyId : null,
        granted: account.quantity,
        periodEnd: dayToDate(account.period.end),
        periodStart: dayToDate(account.period.start),
        policyId: account.policyId,
        productCode: account.productCode,
        vehiclePlate: 'vehiclePlate' in account.owner ? account.owner.vehiclePlate : null,
      },
    });

    await tx.ledgerEntry.create({
      data: {
        accountId: row.id,
        balanceAfter: account.quantity,
        kind: 'grant',
        quantity: account.quantity,
        reason: account.reason,
      },
    });

    return accountFromRow(row);
  }

  /**
   * Appends one entry to an account the caller has locked with `lockAccount` and returns the
   * account after it. A debit beyond the balance throws InsufficientBalanceError.
   */
  async post(tx: Tx, account: QuotaAccount, posting: LedgerPosting): Promise<QuotaAccount> {
    const balance = account.balance + posting.quantity;

    if (balance < 0) {
      throw new InsufficientBalanceError(account.id, account.balance, -posting.quantity);
    }

    const changesGrant = posting.kind === 'grant' || posting.kind === 'adjustment';
    const granted = changesGrant ? account.granted + posting.quantity : account.granted;

    await tx.quotaAccount.update({ data: { balance, granted }, where: { id: account.id } });
    await tx.ledgerEntry.create({
      data: {
        accountId: account.id,
        balanceAfter: balance,
        kind: posting.kind,
        quantity: posting.quantity,
        reason: posting.reason,
        redemptionId: posting.redemptionId ?? null,
      },
    });

    return { ...account, balance, granted };
  }

  /** Closes a locked account after expiring its remaining balance; true when there was any. */
  async expire(tx: Tx, account: QuotaAccount, reason: string, at: Date): Promise<boolean> {
    const hadBalance = account.balance > 0;

    if (hadBalance) {
      await this.post(tx, account, { kind: 'expiry', quantity: -account.balance, reason });
    }
    await tx.quotaAccount.update({ data: { expiredAt: at }, where: { id: account.id } });

    return hadBalance;
  }
}
