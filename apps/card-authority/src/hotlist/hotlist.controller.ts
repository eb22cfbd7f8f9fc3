import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';

import {
  hotlistQuery,
  rebuildParams,
  type HotlistQuery,
  type RebuildParams,
} from './dto/hotlist.query';
import type { HotlistRebuild } from './hotlist-rebuild';
import { HotlistRebuildService } from './hotlist-rebuild.service';
import { HotlistService, type HotlistPage } from './hotlist.service';

@Controller('hotlist')
export class HotlistController {
  constructor(
    private readonly hotlist: HotlistService,
    private readonly rebuilds: HotlistRebuildService,
  ) {}

  /** Issued cards in a status a station must reject (suspended, lost, stolen, revoked...). */
  @Get()
  @RequireScopes(AuthorityScopes.cards)
  list(@Query(new ZodValidationPipe(hotlistQuery)) query: HotlistQuery): Promise<HotlistPage> {
    return this.hotlist.list(query);
  }

  /** Starts an operator's republication of every card's status; 202 with its progress. */
  @Post('rebuild')
  @RequireScopes(AuthorityScopes.officer)
  @HttpCode(202)
  rebuild(): Promise<HotlistRebuild> {
    return this.rebuilds.start();
  }

  @Get('rebuilds/:id')
  @RequireScopes(AuthorityScopes.officer)
  rebuildProgress(
    @Param(new ZodValidationPipe(rebuildParams)) params: RebuildParams,
  ): Promise<HotlistRebuild> {
    return this.rebuilds.find(params.id);
  }
}
