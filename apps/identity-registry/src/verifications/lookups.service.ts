import { Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

import type { LookupsQuery } from './dto/lookups.query';
import type { LookupPage } from './lookup';
import { LookupLogRepository } from './lookup-log.repository';

/** Reads one person's lookup log. */
@Injectable()
export class Lookups {
  constructor(
    private readonly log: LookupLogRepository,
    private readonly prisma: PrismaService,
  ) {}

  async list(nationalNumber: string, query: LookupsQuery): Promise<LookupPage> {
    return this.log.listFor(this.prisma, nationalNumber, query);
  }
}
