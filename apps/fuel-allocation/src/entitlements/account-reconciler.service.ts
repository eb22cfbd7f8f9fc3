import { Injectable } from '@nestjs/common';

import { dayToDate } from '../calendar/calendar-day';
import { CalendarService } from '../infrastructure/calendar.service';
import type { Tx } from '../infrastructure/prisma.service';
import { accountFromRow, LedgerService } from '../ledger/ledger.service';
import type { AccountOwner, QuotaAccount } from '../ledger/ledger.types';

import type { DesiredGrant } from './entitlement.types';

function sameSlot(account: QuotaAccount, grant: DesiredGrant): boolean {
  return account.productCode === grant.productCode && account.periodStart === grant.period.start;
}

/**
 * Brings one owner's quota accounts in line with what the policies grant today. It opens the
 * current period's account with a grant and adjusts it when the entitled quantity changed. It
 * expires every open account that no longer matches, such as a period that ended or the
 * accounts of a family with no living member.
 */
@Injectable()
export class AccountReconcilerService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly ledger: LedgerService,
  ) {}

  /** Returns true when any ledger entry was appended. The caller holds the owner's row lock. */
  async reconcile(
    tx: Tx,
    owner: AccountOwner,
    desired: DesiredGrant[],
    reason: string,
  ): Promise<boolean> {
    const today = this.calendar.today();
    const rows = await tx.quotaAccount.findMany({
      orderBy: { id: 'asc' },
      where: { ...owner, OR: [{ expiredAt: null }, { periodEnd: { gte: dayToDate(today) } }] },
    });
    const accounts = rows.map(accountFromRow);
    let changed = false;

    for (const account of accounts) {
      if (account.expiredAt !== null || desired.some((grant) => sameSlot(account, grant))) continue;

      const expiryReason = account.periodEnd < today ? 'period ended' : reason;
      const locked = await this.ledger.lockAccount(tx, account.id);

      changed =
        (await this.ledger.expire(tx, locked, expiryReason, this.calendar.now())) || changed;
    }

    for (const grant of desired) {
      const existing = accounts.find((account) => sameSlot(account, grant));

      if (existing === undefined) {
        await this.ledger.openAccount(tx, { ...grant, owner, reason });
        changed = true;
      } else if (existing.expiredAt === null) {
        changed = (await this.adjust(tx, existing.id, grant.quantity, reason)) || changed;
      }
    }

    return changed;
  }

  /**
   * Moves an account's grant to `quantity`. A cut never takes back fuel already redeemed:
   * it stops at the remaining balance.
   */
  private async adjust(
    tx: Tx,
    accountId: bigint,
    quantity: number,
    reason: string,
  ): Promise<boolean> {
    const account = await this.ledger.lockAccount(tx, accountId);
    const delta = Math.max(quantity - account.granted, -account.balance);

    if (delta === 0) return false;

    await this.ledger.post(tx, account, { kind: 'adjustment', quantity: delta, reason });

    return true;
  }
}
