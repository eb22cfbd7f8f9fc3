import type { CivilStatusExtract } from '../extract-types';

import { birthPlaceLabel, civilStatusLabel, EMPTY_FIELD, sexLabel } from './labels';
import { drawHeader, drawVerification, PAGE, renderPdf, type PdfCanvas } from './page';

export const EXTRACT_TITLE = 'إخراج قيد فردي';

const LABEL_WIDTH = 140;
const ROW_HEIGHT = 30;
const VALUE_STYLE = { size: 14 } as const;

/** Label and value of each line of the extract, in printed order. */
export function extractFields(document: CivilStatusExtract): [string, string][] {
  const person = document.person;
  const fields: [string, string][] = [
    ['الرقم الوطني', person.nationalNumber],
    ['الاسم الكامل', person.name.full],
    ['الاسم', person.name.given],
    ['اسم الأب', person.name.father],
    ['اسم الجد', person.name.grandfather ?? EMPTY_FIELD],
    ['الكنية', person.name.family],
    ['اسم الأم', person.motherName],
    ['الجنس', sexLabel(person.sex)],
    ['تاريخ الولادة', person.birthDate],
    ['مكان الولادة', birthPlaceLabel(person.birthPlace)],
    ['محافظة القيد', person.registrationGovernorate.nameAr],
    ['الوضع العائلي', civilStatusLabel(person.civilStatus, person.sex)],
    ['رقم دفتر العائلة', person.familyId ?? 'غير مدرج في دفتر عائلة'],
  ];

  if (person.dateOfDeath !== null) fields.push(['تاريخ الوفاة', person.dateOfDeath]);

  return fields;
}

function drawFields(canvas: PdfCanvas, fields: [string, string][], top: number): number {
  const valueRight = PAGE.right - LABEL_WIDTH;
  const valueWidth = valueRight - PAGE.left;
  let y = top;

  for (const [label, value] of fields) {
    canvas.text.right(`${label}:`, PAGE.right, y, { bold: true, size: 14 });
    canvas.text.right(value, valueRight, y, canvas.text.fit(value, valueWidth, VALUE_STYLE));
    y += ROW_HEIGHT;
    canvas.doc
      .moveTo(PAGE.left, y - 6)
      .lineTo(PAGE.right, y - 6)
      .lineWidth(0.25)
      .strokeColor('#999999')
      .stroke()
      .strokeColor('#000000');
  }

  return y;
}

/** Renders a civil status extract as a one-page A4 PDF. */
export function renderCivilStatusExtract(document: CivilStatusExtract): Promise<Buffer> {
  return renderPdf(document, EXTRACT_TITLE, (canvas) => {
    const top = drawHeader(canvas, EXTRACT_TITLE);
    const end = drawFields(canvas, extractFields(document), top);

    drawVerification(canvas, document, end);
  });
}
