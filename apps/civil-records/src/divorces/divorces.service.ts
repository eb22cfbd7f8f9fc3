import { Injectable } from '@nestjs/common';

import { FamilyUpdated } from '@bitaqa/contracts';
import { NotFoundError } from '@bitaqa/http';

import { Clock } from '../infrastructure/clock';
import { enqueueEvents } from '../infrastructure/outbox';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import {
  divorcesOf,
  findDivorce,
  findFiling,
  finalizeDivorce,
  insertDivorce,
  withdrawDivorce,
  type StoredDivorce,
} from '../registry/divorce-store';
import { appendJournal } from '../registry/journal';
import { activeMarriagesOf, divorceMarriage } from '../registry/marriage-store';
import { lockPersons } from '../registry/person-store';
import { requireAlive, requirePerson } from '../registry/rules';
import type { CourtReference } from '../registry/validators';

import { DivorceBooks } from './divorce-books';
import {
  decideFinalization,
  decideWithdrawal,
  requireMarriageToDivorce,
  requireNoOpenCase,
  requireSameFiling,
  requireSpouses,
} from './divorce-checks';
import { divorceEntries } from './divorce-journal';
import type { DivorceFiling, DivorceResult, DivorceView } from './dto/divorce.dto';

function result(
  divorce: StoredDivorce,
  outcome: DivorceResult['outcome'],
  familyIds: string[] = [],
): DivorceResult {
  return { ...divorce, familyIds, outcome };
}

@Injectable()
export class DivorcesService {
  constructor(
    private readonly books: DivorceBooks,
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
  ) {}

  /** Files a divorce of a married couple. A retry of the same court case returns it unchanged. */
  file(request: DivorceFiling, recordedBy: string): Promise<DivorceResult> {
    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const couple = { husband: request.husbandNationalNumber, wife: request.wifeNationalNumber };
      const persons = await lockPersons(tx, [couple.husband, couple.wife], 'update');
      const filed = await findFiling(tx, couple, request.filing);

      if (filed) {
        requireSameFiling(filed, request);

        return result(filed, 'existing');
      }

      requireSpouses(persons, request);

      const active = (await activeMarriagesOf(tx, [couple.husband])).find(
        (marriage) => marriage.wifeNationalNumber === couple.wife,
      );
      const marriage = requireMarriageToDivorce(active, request, this.clock.today());
      const pending = await divorcesOf(tx, [couple.husband], 'pending');

      requireNoOpenCase(pending.find((divorce) => divorce.marriageId === marriage.id));

      const divorceId = await insertDivorce(tx, {
        ...couple,
        filing: request.filing,
        marriageId: marriage.id,
      });
      const divorce = (await findDivorce(tx, divorceId)) as StoredDivorce;

      await appendJournal(
        tx,
        divorceEntries(divorce, 'divorce-filed', request.filing.date, request.filing),
      );

      return result(divorce, 'applied');
    });
  }

  /**
   * Makes a pending divorce final. The marriage ends on the decision date, and the wife leaves
   * the husband's family book while the children stay. She goes back to her father's book when
   * the register contains one, and each changed book publishes FamilyUpdated with reason
   * `divorce`.
   */
  finalize(
    divorceId: string,
    decision: CourtReference,
    recordedBy: string,
  ): Promise<DivorceResult> {
    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const { divorce, persons } = await this.lockDivorce(tx, divorceId);

      if (decideFinalization(divorce, decision, this.clock.today()) === 'existing') {
        return result(divorce, 'existing');
      }

      const wife = requirePerson(persons, divorce.wifeNationalNumber, 'wifeNationalNumber');

      requireAlive(
        requirePerson(persons, divorce.husbandNationalNumber, 'husbandNationalNumber'),
        'husbandNationalNumber',
      );
      requireAlive(wife, 'wifeNationalNumber');
      await finalizeDivorce(tx, divorceId, decision);
      await divorceMarriage(tx, divorce.marriageId, decision.date);

      const familyEvents = await this.books.separate(tx, divorce, wife, decision.date);

      await enqueueEvents(tx, FamilyUpdated, familyEvents);
      await appendJournal(tx, divorceEntries(divorce, 'divorce-final', decision.date, decision));

      const familyIds = familyEvents.map((event) => event.familyId);

      return result((await findDivorce(tx, divorceId)) as StoredDivorce, 'applied', familyIds);
    });
  }

  /** Withdraws a pending divorce; the marriage goes on. */
  withdraw(divorceId: string, withdrawnOn: string, recordedBy: string): Promise<DivorceResult> {
    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const { divorce } = await this.lockDivorce(tx, divorceId);

      if (decideWithdrawal(divorce, withdrawnOn, this.clock.today()) === 'existing') {
        return result(divorce, 'existing');
      }

      await withdrawDivorce(tx, divorceId, withdrawnOn);
      await appendJournal(tx, divorceEntries(divorce, 'divorce-withdrawn', withdrawnOn, null));

      return result((await findDivorce(tx, divorceId)) as StoredDivorce, 'applied');
    });
  }

  async get(divorceId: string): Promise<DivorceView> {
    const divorce = await findDivorce(this.prisma, divorceId);

    if (!divorce) throw divorceNotFound(divorceId);

    return divorce;
  }

  /**
   * Locks the spouses, then the divorce row, in the order every writer of persons uses, so that
   * a death registered at the same time waits instead of deadlocking.
   */
  private async lockDivorce(
    tx: Tx,
    divorceId: string,
  ): Promise<{ divorce: StoredDivorce; persons: Awaited<ReturnType<typeof lockPersons>> }> {
    const found = await findDivorce(tx, divorceId);

    if (!found) throw divorceNotFound(divorceId);

    const persons = await lockPersons(
      tx,
      [found.husbandNationalNumber, found.wifeNationalNumber],
      'update',
    );

    return { divorce: (await findDivorce(tx, divorceId, true)) as StoredDivorce, persons };
  }
}

function divorceNotFound(divorceId: string): NotFoundError {
  return new NotFoundError('DIVORCE_NOT_FOUND', `no divorce with id ${divorceId}`, {
    field: 'divorceId',
    hint: 'use the divorceId returned by POST /divorces',
    value: divorceId,
  });
}
