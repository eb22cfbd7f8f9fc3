import { HttpStatus } from '@nestjs/common';
import { z } from 'zod';

import { ApiError } from '@bitaqa/http';

export type DocumentFormat = 'json' | 'pdf';

export const formatQuery = z.object({
  format: z.enum(['json', 'pdf'], { error: 'format must be json or pdf' }).optional(),
});

const MEDIA_TYPES: Record<DocumentFormat, string> = {
  json: 'application/json',
  pdf: 'application/pdf',
};

interface MediaRange {
  quality: number;
  subtype: string;
  type: string;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const [type = '', subtype = ''] = range.toLowerCase().split('/');
      const q = parameters.find((parameter) => /^q=/i.test(parameter));
      const quality = q === undefined ? 1 : Number(q.slice(2));

      return { quality: Number.isFinite(quality) ? quality : 0, subtype, type };
    });
}

/**
 * Quality the Accept header gives a media type: that of the most specific range matching it
 * (`type/subtype` over `type/*` over `*\/*`), as RFC 9110 section 12.5.1 orders them, or 0.
 */
function qualityOf(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  const specificity = (range: MediaRange): number => {
    if (range.type === type && range.subtype === subtype) return 3;
    if (range.type === type && range.subtype === '*') return 2;
    if (range.type === '*' && range.subtype === '*') return 1;

    return 0;
  };
  const best = ranges
    .filter((range) => specificity(range) > 0)
    .sort((a, b) => specificity(b) - specificity(a))[0];

  return best?.quality ?? 0;
}

/**
 * Chooses JSON or PDF: the `format` query parameter wins, then the Accept header, and JSON when
 * neither requests a format or both have the same quality. Fails with 406 NOT_ACCEPTABLE when Accept allows
 * neither.
 */
export function chooseFormat(
  format: DocumentFormat | undefined,
  accept: string | undefined,
): DocumentFormat {
  if (format !== undefined) return format;
  if (accept === undefined || accept.trim() === '') return 'json';

  const ranges = parseAccept(accept);
  const json = qualityOf(ranges, MEDIA_TYPES.json);
  const pdf = qualityOf(ranges, MEDIA_TYPES.pdf);

  if (json <= 0 && pdf <= 0) {
    throw new ApiError(
      HttpStatus.NOT_ACCEPTABLE,
      'NOT_ACCEPTABLE',
      'the Accept header allows neither application/json nor application/pdf',
      {
        field: 'accept',
        hint: 'send Accept: application/pdf or application/json, or add ?format=pdf',
        value: accept,
      },
    );
  }

  return pdf > json ? 'pdf' : 'json';
}

export function mediaTypeOf(format: DocumentFormat): string {
  return MEDIA_TYPES[format];
}
