import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';

import { Public, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { AuthorityScopes } from '../auth/scopes';

import {
  issuerCertificateQuery,
  keyVersionNumber,
  type IssuerCertificateQuery,
} from './dto/key-version.params';
import { startKeyVersionBody, type StartKeyVersionBody } from './dto/start-key-version.body';
import type { IssuerCertificateView, KeyVersionView } from './key-version';
import { KeyVersionsService } from './key-versions.service';

@Controller('keys')
@RequireScopes(AuthorityScopes.officer)
export class KeysController {
  constructor(private readonly versions: KeyVersionsService) {}

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
  ): Promise<KeyVersionView> {
    return this.versions.start(body.previous);
  }

  /** Retires a retiring version, so no card is keyed or certified under it again. */
  @Post('versions/:version/retire')
  @HttpCode(200)
  retire(
    @Param('version', new ZodValidationPipe(keyVersionNumber)) version: number,
  ): Promise<KeyVersionView> {
    return this.versions.retire(version);
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
