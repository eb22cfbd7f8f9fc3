import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';

import { familyId, nationalNumber } from '@bitaqa/contracts';
import { ZodValidationPipe } from '@bitaqa/http';

import type { IssuedDocument } from './extract-types';
import { ExtractsService } from './extracts.service';
import { chooseFormat, type DocumentFormat, formatQuery, mediaTypeOf } from './format';
import { renderDocumentPdf } from './pdf/render';

const personParams = z.object({ nationalNumber });
const familyParams = z.object({ familyId });
const serialParams = z.object({
  serial: z.string().regex(/^EX-\d{10}$/, 'serial such as EX-0000000042'),
});

type FormatQuery = z.infer<typeof formatQuery>;

/**
 * Civil status extracts and family sheets, as JSON or PDF. Every request issues a new document
 * with its own serial, and `GET /extracts/:serial` returns one as it was issued.
 */
@Controller()
export class ExtractsController {
  constructor(private readonly extracts: ExtractsService) {}

  @Get('persons/:nationalNumber/extract')
  async personExtract(
    @Param(new ZodValidationPipe(personParams)) params: { nationalNumber: string },
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedDocument | StreamableFile> {
    const format = chooseFormat(query.format, accept);

    return send(await this.extracts.civilStatusExtract(params.nationalNumber), format, response);
  }

  @Get('families/:familyId/sheet')
  async familySheet(
    @Param(new ZodValidationPipe(familyParams)) params: { familyId: string },
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedDocument | StreamableFile> {
    const format = chooseFormat(query.format, accept);

    return send(await this.extracts.familySheet(params.familyId), format, response);
  }

  @Get('extracts/:serial')
  async issued(
    @Param(new ZodValidationPipe(serialParams)) params: { serial: string },
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedDocument | StreamableFile> {
    const format = chooseFormat(query.format, accept);

    return send(await this.extracts.issued(params.serial), format, response);
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
