import { Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';

import { IdentityCache } from '../cache/identity-cache.service';
import { PrismaService } from '../database/prisma.service';
import { Prisma } from '../generated/prisma/client';

import type { IdentitySearch } from './dto/identity-search.query';
import { IdentityRepository } from './identity.repository';
import { type IdentityView, toIdentityView } from './identity-view';

export interface IdentityPage {
  items: IdentityView[];
  limit: number;
  /** Offset of the next page, or null on the last page. */
  nextOffset: number | null;
  offset: number;
}

/** Escapes LIKE wildcards so that a search word matches only itself. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Runs identity lookups and name searches. */
@Injectable()
export class IdentityQueries {
  constructor(
    private readonly cache: IdentityCache,
    private readonly identities: IdentityRepository,
    private readonly prisma: PrismaService,
  ) {}

  /** @throws NotFoundError IDENTITY_NOT_FOUND when no identity has the number. */
  async get(nationalNumber: string): Promise<IdentityView> {
    const view = await this.cache.getOrLoad(nationalNumber, async () => {
      const identity = await this.identities.find(this.prisma, nationalNumber);

      return identity === undefined ? undefined : toIdentityView(identity);
    });

    if (view === undefined) {
      throw new NotFoundError(
        'IDENTITY_NOT_FOUND',
        `no identity has national number ${nationalNumber}`,
        {
          field: 'nationalNumber',
          hint: 'check the number; persons appear here once civil records registered them',
          value: nationalNumber,
        },
      );
    }

    return view;
  }

  /**
   * Finds identities whose normalized full name contains every word of the normalized search
   * name, most similar first. The trigram index serves each word's substring match.
   */
  async search(search: IdentitySearch): Promise<IdentityPage> {
    const words = search.name.split(' ');
    const conditions = words.map(
      (word) => Prisma.sql`full_name_normalized LIKE ${likePattern(word)}`,
    );
    const rows = await this.prisma.$queryRaw<Array<{ national_number: string }>>`
      SELECT national_number FROM identities
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY similarity(full_name_normalized, ${search.name}) DESC, national_number
      LIMIT ${search.limit + 1} OFFSET ${search.offset}`;
    const pageNumbers = rows.slice(0, search.limit).map((row) => row.national_number);
    const found = await this.identities.findMany(this.prisma, pageNumbers);
    const byNumber = new Map(found.map((identity) => [identity.nationalNumber, identity]));
    const items = pageNumbers
      .map((nationalNumber) => byNumber.get(nationalNumber))
      .filter((identity) => identity !== undefined)
      .map(toIdentityView);

    return {
      items,
      limit: search.limit,
      nextOffset: rows.length > search.limit ? search.offset + search.limit : null,
      offset: search.offset,
    };
  }
}
