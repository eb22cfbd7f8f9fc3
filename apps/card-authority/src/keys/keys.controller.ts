import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';

import { CurrentPrincipal, Public, RequireScopes, type Principal } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';
import { PrismaService } from '../database/prisma.service';

import {
  issuerCertificateQuery,
  keyVersionCardsQuery,
  keyVersionNumber,
  type IssuerCertificateQuery,
  type KeyVersionCardsQuery,
} from './dto/key-version.params';
import { retireKeyVersionBody, type RetireKeyVersionBody } from './dto/retire-key-version.body';
import { startKeyVersionBody, type StartKeyVersionBody } from './dto/start-key-version.body';
import type { IssuerCertificateView, KeyVersionView } from './key-version';
import { listCardsOnVersion, type KeyVersionCardsView } from './key-version-cards';
import { KeyVersionsService } from './key-versions.service';

@Controller('keys')
@RequireScopes(AuthorityScopes.officer)
export class KeysController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly versions: KeyVersionsService,
  ) {}

  /** Lists all key versions, newest first. */
  @Get('versions')
  list(): Promise<KeyVersionView[]> {
    return this.versions.list();
  }

  /** Starts the next key version and makes it active; the active one becomes `previous`. */
  @Post('versions')
  @HttpCode(201)
  start(
    @Body(new ZodValidationPipe(startKeyVersionBody)) body: StartKeyVersionBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<KeyVersionView> {
    return this.versions.start(body.previous, {
      actor: officer.clientId,
      force: body.force,
      reason: body.reason,
    });
  }

  /**
   * Counts the cards still on a version and lists one page of them in card number order, so
   * officers see what remains to re-key or replace before retiring it.
   */
  @Get('versions/:version/cards')
  async cards(
    @Param('version', new ZodValidationPipe(keyVersionNumber)) version: number,
    @Query(new ZodValidationPipe(keyVersionCardsQuery)) query: KeyVersionCardsQuery,
  ): Promise<KeyVersionCardsView> {
    await this.versions.find(version);

    return listCardsOnVersion(this.prisma, version, query);
  }

  /**
   * Retires a retiring version, so no card is keyed or certified under it again. 409
   * `KEY_VERSION_HAS_CARDS` while cards remain, unless the body has `force` and a `reason`.
   */
  @Post('versions/:version/retire')
  @HttpCode(200)
  retire(
    @Param('version', new ZodValidationPipe(keyVersionNumber)) version: number,
    @Body(new ZodValidationPipe(retireKeyVersionBody)) body: RetireKeyVersionBody,
    @CurrentPrincipal() officer: Principal,
  ): Promise<KeyVersionView> {
    return this.versions.retire(version, {
      actor: officer.clientId,
      force: body.force,
      reason: body.reason,
    });
  }

  /** Returns the self-signed issuer certificate of `?version=`, or of the active version. */
  @Get('issuer-certificate')
  @Public()
  issuerCertificate(
    @Query(new ZodValidationPipe(issuerCertificateQuery)) query: IssuerCertificateQuery,
  ): Promise<IssuerCertificateView> {
    return this.versions.issuerCertificate(query.version);
  }
}
