import PDFDocument from 'pdfkit';

import type { IssuedDocument } from '../extract-types';

import { ArabicText, registerFonts } from './arabic-text';
import { isolateLtr } from './bidi';

/** A4 in points, with 40-point margins. */
export const PAGE = {
  bottom: 841.89 - 70,
  left: 40,
  right: 595.28 - 40,
  top: 40,
  width: 595.28 - 80,
} as const;

const HEADER_LINES = [
  'الجمهورية العربية السورية',
  'وزارة الداخلية',
  'المديرية العامة للأحوال المدنية',
];

const VERIFY_NOTE =
  'للتحقق من هذه الوثيقة يطلب موظف السجل المدني الوثيقة المسجلة بالرقم التسلسلي ويقارن رمز التحقق المطبوع برمزها.';

export interface PdfCanvas {
  doc: PDFKit.PDFDocument;
  text: ArabicText;
}

/** Draws the issuing authority and the title; returns the top of the first free line. */
export function drawHeader(canvas: PdfCanvas, title: string): number {
  let y = PAGE.top;

  for (const line of HEADER_LINES) {
    canvas.text.right(line, PAGE.right, y, { bold: true, size: 12 });
    y += 18;
  }

  canvas.text.center(title, PAGE.left + PAGE.width / 2, y + 6, { bold: true, size: 22 });
  y += 48;
  canvas.doc.moveTo(PAGE.left, y).lineTo(PAGE.right, y).lineWidth(1).stroke();

  return y + 12;
}

/** Splits a hex hash into groups of 16 characters so that a clerk can compare it by eye. */
export function groupedHash(sha256: string): string {
  return (sha256.match(/.{1,16}/g) ?? []).join(' ');
}

/** Draws the serial, the issue date and the verification hash; returns the next free line. */
export function drawVerification(canvas: PdfCanvas, document: IssuedDocument, top: number): number {
  let y = top + 8;

  canvas.doc.moveTo(PAGE.left, y).lineTo(PAGE.right, y).lineWidth(0.5).stroke();
  y += 10;
  canvas.text.right(`الرقم التسلسلي: ${isolateLtr(document.serial)}`, PAGE.right, y, { size: 12 });
  canvas.text.left(`تاريخ الإصدار: ${isolateLtr(document.issuedOn)}`, PAGE.left, y, { size: 12 });
  y += 24;
  canvas.text.right('رمز التحقق (SHA-256):', PAGE.right, y, { bold: true, size: 11 });
  y += 20;
  canvas.text.center(groupedHash(document.sha256), PAGE.left + PAGE.width / 2, y, { size: 11 });
  y += 22;
  canvas.text.right(
    VERIFY_NOTE,
    PAGE.right,
    y,
    canvas.text.fit(VERIFY_NOTE, PAGE.width, { size: 9 }),
  );

  return y + 18;
}

/** Writes the serial and "page i of n" at the foot of every page. */
function drawPageNumbers(canvas: PdfCanvas, serial: string): void {
  const range = canvas.doc.bufferedPageRange();

  for (let index = 0; index < range.count; index += 1) {
    canvas.doc.switchToPage(range.start + index);
    canvas.text.center(
      `${isolateLtr(serial)} — صفحة ${index + 1} من ${range.count}`,
      PAGE.left + PAGE.width / 2,
      PAGE.bottom + 30,
      { size: 9 },
    );
  }
}

/** Creates an A4 PDF with the Amiri fonts, runs `draw` on it and returns the finished file. */
export function renderPdf(
  document: IssuedDocument,
  title: string,
  draw: (canvas: PdfCanvas) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    bufferPages: true,
    info: { Creator: 'Bitaqa civil-records', Subject: document.serial, Title: title },
    lang: 'ar',
    margin: 0,
    size: 'A4',
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const canvas = { doc, text: new ArabicText(doc) };

  registerFonts(doc);
  draw(canvas);
  drawPageNumbers(canvas, document.serial);
  doc.end();

  return finished;
}
