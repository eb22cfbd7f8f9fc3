import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import { IdentityRepository } from '../identities/identity.repository';

import type { DuplicateCase, DuplicateCaseStatus } from './duplicate-case';
import {
  type CaseDetailView,
  type CaseSummaryView,
  toCaseDetailView,
  toCaseSummaryView,
} from './duplicate-case-view';
import { DuplicateCaseRepository } from './duplicate-case.repository';
import { caseNotFound } from './duplicate-errors';

export interface CasePage {
  items: CaseSummaryView[];
  limit: number;
  /** Offset of the next page, or null on the last page. */
  nextOffset: number | null;
  offset: number;
}

/** Reads the review queue. */
@Injectable()
export class DuplicateQueries {
  constructor(
    private readonly cases: DuplicateCaseRepository,
    private readonly identities: IdentityRepository,
    private readonly prisma: PrismaService,
  ) {}

  /** Lists the cases in one status, oldest first, so the queue is worked in arrival order. */
  async list(status: DuplicateCaseStatus, limit: number, offset: number): Promise<CasePage> {
    const page = await this.cases.list(this.prisma, status, { limit, offset });

    return {
      items: page.cases.map(toCaseSummaryView),
      limit,
      nextOffset: page.more ? offset + limit : null,
      offset,
    };
  }

  /** @throws NotFoundError DUPLICATE_CASE_NOT_FOUND for an unknown case. */
  async get(id: string): Promise<CaseDetailView> {
    const found = await this.cases.find(this.prisma, id);

    if (found === undefined) throw caseNotFound(id);

    return this.detail(found);
  }

  /** Shows a case with the identities as they are now, merged status included. */
  async detail(found: DuplicateCase): Promise<CaseDetailView> {
    const identities = await this.identities.findMany(this.prisma, found.nationalNumbers);

    return toCaseDetailView(found, identities);
  }
}
