import type { IssuedDocument } from '../extract-types';

import { renderCivilStatusExtract } from './civil-status-extract.pdf';
import { renderFamilySheet } from './family-sheet.pdf';

/** Renders an issued document as PDF, with the layout of its type. */
export function renderDocumentPdf(document: IssuedDocument): Promise<Buffer> {
  return document.documentType === 'civil-status-extract'
    ? renderCivilStatusExtract(document)
    : renderFamilySheet(document);
}
