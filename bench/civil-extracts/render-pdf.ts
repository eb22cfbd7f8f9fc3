/**
 * Measures how long civil-records takes to render extract PDFs, against a raw pdfkit baseline.
 *
 * The raw baselines draw the same label and value strings with pdfkit alone: each string handed
 * over whole, with no bidi ordering and no fitting. They print wrong text (mixed lines out of
 * order), so they are only a floor for the cost of pdfkit and fontkit themselves. One baseline
 * opens the Amiri file in every document, as pdfkit does when given a path. The other shares one
 * parsed fontkit font, as the extracts do.
 *
 * Run from the repository root: node -r @swc-node/register bench/civil-extracts/render-pdf.ts
 * [iterations], 30 by default. Nothing else is needed: no database and no network.
 */
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

import {
  extractFields,
  renderCivilStatusExtract,
} from '../../apps/civil-records/src/extracts/pdf/civil-status-extract.pdf';
import { renderFamilySheet } from '../../apps/civil-records/src/extracts/pdf/family-sheet.pdf';
import { FONT_FILES } from '../../apps/civil-records/src/extracts/pdf/arabic-text';
import { birthPlaceOf, placeNameOf } from '../../apps/civil-records/src/extracts/person-facts';
import type {
  CivilStatusExtract,
  FamilySheet,
  NameChain,
  SheetChild,
} from '../../apps/civil-records/src/extracts/extract-types';

const ITERATIONS = Number(process.argv[2] ?? 30);

const NAME: NameChain = {
  family: 'الحلبي',
  father: 'أحمد',
  full: 'محمد أحمد علي الحلبي',
  given: 'محمد',
  grandfather: 'علي',
};

const EXTRACT: CivilStatusExtract = {
  documentType: 'civil-status-extract',
  issuedOn: '2026-06-30',
  person: {
    birthDate: '1980-03-01',
    birthPlace: birthPlaceOf('SY020000'),
    civilStatus: 'married',
    dateOfDeath: null,
    familyId: 'FAM-SY02-000001',
    motherName: 'فاطمة الشامي',
    name: NAME,
    nationalNumber: '02000000013',
    registrationGovernorate: placeNameOf('SY02'),
    sex: 'M',
  },
  serial: 'EX-0000000042',
  sha256: 'ab'.repeat(32),
};

function child(index: number): SheetChild {
  return {
    alive: true,
    birthDate: `${1991 + index}-01-15`,
    dateOfDeath: null,
    motherName: 'مريم الحمصي',
    motherNationalNumber: '02000000021',
    name: { ...NAME, full: `خالد محمد أحمد الحلبي ${index + 1}` },
    nationalNumber: `0200000${String(100 + index).padStart(4, '0')}`,
    sex: index % 2 === 0 ? 'M' : 'F',
  };
}

const SHEET: FamilySheet = {
  documentType: 'family-sheet',
  family: {
    children: Array.from({ length: 36 }, (_, index) => child(index)),
    familyId: 'FAM-SY02-000001',
    formerMembers: [],
    governorate: placeNameOf('SY02'),
    head: { ...child(0), motherName: 'فاطمة الشامي', name: NAME, nationalNumber: '02000000013' },
    wives: [
      {
        ...child(1),
        marriageDate: '1990-01-01',
        marriageEndedOn: null,
        marriageStatus: 'active',
        name: { ...NAME, full: 'مريم خالد سعيد الحمصي' },
      },
    ],
  },
  issuedOn: '2026-06-30',
  serial: 'EX-0000000043',
  sha256: 'cd'.repeat(32),
};

const SHARED_FONT = fontkit.openSync(FONT_FILES.regular) as fontkit.Font;

/** Draws the extract's label and value strings with pdfkit alone, as a baseline. */
function renderRaw(document: CivilStatusExtract, font: 'file' | 'shared'): Promise<Buffer> {
  const doc = new PDFDocument({ margin: 0, size: 'A4' });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  let y = 150;

  // @types/pdfkit 0.17 lists only paths and buffers, though pdfkit 0.20 also takes a fontkit font.
  doc.font(font === 'file' ? FONT_FILES.regular : (SHARED_FONT as unknown as string)).fontSize(14);
  for (const [label, value] of extractFields(document)) {
    doc.text(`${label}:`, 420, y, { lineBreak: false });
    doc.text(value, 100, y, { lineBreak: false });
    y += 30;
  }
  doc.end();

  return done;
}

async function timePerDocument(label: string, render: () => Promise<Buffer>): Promise<number> {
  await render();

  const started = process.hrtime.bigint();
  let bytes = 0;

  for (let index = 0; index < ITERATIONS; index += 1) {
    bytes += (await render()).length;
  }

  const perDocumentMs = Number(process.hrtime.bigint() - started) / 1e6 / ITERATIONS;

  console.log(
    `${label.padEnd(34)} ${perDocumentMs.toFixed(1).padStart(7)} ms/document  ${Math.round(bytes / ITERATIONS / 1024)} KiB`,
  );

  return perDocumentMs;
}

async function main(): Promise<void> {
  console.log(`rendering each document ${ITERATIONS} times after one warm-up render`);

  const fromFile = await timePerDocument('raw pdfkit, font file per PDF', () =>
    renderRaw(EXTRACT, 'file'),
  );
  const raw = await timePerDocument('raw pdfkit, shared parsed font', () =>
    renderRaw(EXTRACT, 'shared'),
  );
  const extract = await timePerDocument('civil status extract (1 page)', () =>
    renderCivilStatusExtract(EXTRACT),
  );
  const sheet = await timePerDocument('family sheet, 36 children', () => renderFamilySheet(SHEET));

  console.log(`extract / raw with shared font: ${(extract / raw).toFixed(2)}`);
  console.log(`extract / raw with font file per PDF: ${(extract / fromFile).toFixed(2)}`);
  console.log(`family sheet / raw with shared font: ${(sheet / raw).toFixed(2)}`);
}

void main();
