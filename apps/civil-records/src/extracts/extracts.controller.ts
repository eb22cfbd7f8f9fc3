import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';

import { CurrentPrincipal, type Principal, Public, RequireScopes } from '@bitaqa/auth';
import { familyId, nationalNumber } from '@bitaqa/contracts';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';

import type { IssuedDocument } from './extract-types';
import { ExtractsService } from './extracts.service';
import { chooseFormat, type DocumentFormat, formatQuery, mediaTypeOf } from './format';
import { renderDocumentPdf } from './pdf/render';

const personParams = z.object({ nationalNumber });
const familyParams = z.object({ familyId });
const serialParams = z.object({
  serial: z.string().regex(/^EX-\d{10}$/, 'serial such as EX-0000000042'),
});

const checkQuery = formatQuery.extend({
  sha256: z
    .string({ error: 'sha256 is required: the SHA-256 printed on the document' })
    .regex(/^[0-9a-f]{64}$/i, 'sha256 must be the 64 hex digits printed on the document'),
});

type FormatQuery = z.infer<typeof formatQuery>;
type CheckQuery = z.infer<typeof checkQuery>;

/**
 * Civil status extracts and family sheets, as JSON or PDF. Every request issues a new document
 * with its own serial, and `GET /extracts/:serial?sha256=` returns one as it was issued. That
 * check is public, because a citizen or a bank checks a printed document's authenticity with it.
 * It needs both the serial and the SHA-256 printed on the document, so counting through the
 * sequential serials reveals nothing.
 */
@Controller()
export class ExtractsController {
  constructor(private readonly extracts: ExtractsService) {}

  @Get('persons/:nationalNumber/extract')
  @RequireScopes(CIVIL_SCOPES.read)
  async personExtract(
    @Param(new ZodValidationPipe(personParams)) params: { nationalNumber: string },
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedDocument | StreamableFile> {
    const format = chooseFormat(query.format, accept);
    const document = await this.extracts.civilStatusExtract(
      params.nationalNumber,
      principal.clientId,
    );

    return send(document, format, response);
  }

  @Get('families/:familyId/sheet')
  @RequireScopes(CIVIL_SCOPES.read)
  async familySheet(
    @Param(new ZodValidationPipe(familyParams)) params: { familyId: string },
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedDocument | StreamableFile> {
    const format = chooseFormat(query.format, accept);
    const document = await this.extracts.familySheet(params.familyId, principal.clientId);

    return send(document, format, response);
  }

  @Get('extracts/:serial')
  @Public()
  async issued(
    @Param(new ZodValidationPipe(serialParams)) params: { serial: string },
    @Query(new ZodValidationPipe(checkQuery)) query: CheckQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedDocument | StreamableFile> {
    const format = chooseFormat(query.format, accept);
    const document = await this.extracts.issuedWithHash(params.serial, query.sha256);

    return send(document, format, response);
  }
}

/** Sends a document as JSON or as an inline PDF, with its serial and hash in headers. */
async function send(
  document: IssuedDocument,
  format: DocumentFormat,
  response: Response,
): Promise<IssuedDocument | StreamableFile> {
  response.setHeader('Vary', 'Accept');
  response.setHeader('X-Document-Serial', document.serial);
  response.setHeader('X-Document-Sha256', document.sha256);

  if (format === 'json') return document;

  const pdf = await renderDocumentPdf(document);

  return new StreamableFile(pdf, {
    disposition: `inline; filename="${document.serial}.pdf"`,
    length: pdf.length,
    type: mediaTypeOf('pdf'),
  });
}
