import type { FamilySheet, SheetChild, SheetFormerMember, SheetWife } from '../extract-types';

import { isolateLtr } from './bidi';
import { lifeLabel, marriageStatusLabel, roleLabel, sexLabel } from './labels';
import { drawHeader, drawVerification, PAGE, renderPdf, type PdfCanvas } from './page';
import { drawTable, type Column } from './table';

export const SHEET_TITLE = 'بيان عائلي';

// Height that drawVerification needs below the last table.
const VERIFICATION_HEIGHT = 120;

const WIFE_COLUMNS: Column<SheetWife>[] = [
  { header: 'الاسم', share: 0.3, value: (wife) => wife.name.full },
  { header: 'الرقم الوطني', share: 0.16, value: (wife) => wife.nationalNumber },
  { header: 'تاريخ الزواج', share: 0.14, value: (wife) => wife.marriageDate },
  {
    header: 'حالة الزواج',
    share: 0.22,
    value: (wife) => marriageStatusLabel(wife.marriageStatus, wife.marriageEndedOn),
  },
  { header: 'الحالة', share: 0.18, value: lifeLabel },
];

const CHILD_COLUMNS: Column<SheetChild>[] = [
  { header: 'الاسم', share: 0.27, value: (child) => child.name.full },
  { header: 'الرقم الوطني', share: 0.15, value: (child) => child.nationalNumber },
  { header: 'الجنس', share: 0.07, value: (child) => sexLabel(child.sex) },
  { header: 'تاريخ الولادة', share: 0.13, value: (child) => child.birthDate },
  { header: 'الأم', share: 0.22, value: (child) => child.motherName },
  { header: 'الحالة', share: 0.16, value: lifeLabel },
];

const FORMER_COLUMNS: Column<SheetFormerMember>[] = [
  { header: 'الاسم', share: 0.3, value: (member) => member.name.full },
  { header: 'الرقم الوطني', share: 0.16, value: (member) => member.nationalNumber },
  { header: 'الصفة', share: 0.12, value: (member) => roleLabel(member.role, member.sex) },
  { header: 'تاريخ القيد', share: 0.14, value: (member) => member.joinedOn },
  { header: 'تاريخ الخروج', share: 0.14, value: (member) => member.leftOn },
  { header: 'الحالة', share: 0.14, value: lifeLabel },
];

function drawHead(canvas: PdfCanvas, sheet: FamilySheet, top: number): number {
  const { family } = sheet;
  const head = family.head;
  const lines = [
    `رقم دفتر العائلة: ${isolateLtr(family.familyId)}`,
    `محافظة القيد: ${family.governorate.nameAr}`,
    `رب الأسرة: ${head.name.full}`,
    `الرقم الوطني: ${isolateLtr(head.nationalNumber)}    تاريخ الولادة: ${isolateLtr(head.birthDate)}`,
    `اسم الأم: ${head.motherName}    الحالة: ${lifeLabel(head)}`,
  ];
  let y = top;

  for (const line of lines) {
    canvas.text.right(line, PAGE.right, y, canvas.text.fit(line, PAGE.width, { size: 13 }));
    y += 24;
  }

  return y + 8;
}

/** Renders a family sheet as an A4 PDF of as many pages as its tables need. */
export function renderFamilySheet(sheet: FamilySheet): Promise<Buffer> {
  return renderPdf(sheet, SHEET_TITLE, (canvas) => {
    const { family } = sheet;
    let y = drawHead(canvas, sheet, drawHeader(canvas, SHEET_TITLE));

    y = drawTable(canvas, 'الزوجات', WIFE_COLUMNS, family.wives, y, 'لا زوجات مسجلات');
    y = drawTable(canvas, 'الأولاد', CHILD_COLUMNS, family.children, y, 'لا أولاد مسجلون');
    y = drawTable(
      canvas,
      'أفراد خرجوا من الدفتر',
      FORMER_COLUMNS,
      family.formerMembers,
      y,
      'لا أحد',
    );

    if (y + VERIFICATION_HEIGHT > PAGE.bottom) {
      canvas.doc.addPage();
      y = PAGE.top;
    }
    drawVerification(canvas, sheet, y);
  });
}
