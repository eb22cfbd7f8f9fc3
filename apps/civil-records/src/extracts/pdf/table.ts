import { PAGE, type PdfCanvas } from './page';

/** A table column; columns are listed from right to left, as an Arabic table reads. */
export interface Column<Row> {
  header: string;
  /** Share of the page width, as a fraction; the shares of one table add up to 1. */
  share: number;
  value: (row: Row) => string;
}

const ROW_HEIGHT = 22;
const CELL_PADDING = 4;
const CELL_STYLE = { size: 11 } as const;
const HEADER_STYLE = { bold: true, size: 11 } as const;

function drawRow(
  canvas: PdfCanvas,
  cells: string[],
  shares: number[],
  top: number,
  bold: boolean,
): void {
  let right = PAGE.right;

  cells.forEach((cell, index) => {
    const width = (shares[index] ?? 0) * PAGE.width;
    const style = canvas.text.fit(cell, width - 2 * CELL_PADDING, bold ? HEADER_STYLE : CELL_STYLE);

    canvas.text.right(cell, right - CELL_PADDING, top, style);
    right -= width;
  });
  canvas.doc
    .moveTo(PAGE.left, top + ROW_HEIGHT - 3)
    .lineTo(PAGE.right, top + ROW_HEIGHT - 3)
    .lineWidth(bold ? 0.75 : 0.25)
    .stroke();
}

/**
 * Draws a titled table from `top` and returns the top of the next free line. A row that would
 * cross the bottom margin starts a new page, which repeats the column headers. An empty table
 * prints `emptyNote` in place of rows.
 */
export function drawTable<Row>(
  canvas: PdfCanvas,
  title: string,
  columns: Column<Row>[],
  rows: readonly Row[],
  top: number,
  emptyNote: string,
): number {
  const headers = columns.map((column) => column.header);
  const shares = columns.map((column) => column.share);
  let y = top;

  // Keep the title with the header and the first row.
  if (y + 28 + 2 * ROW_HEIGHT > PAGE.bottom) {
    canvas.doc.addPage();
    y = PAGE.top;
  }
  canvas.text.right(title, PAGE.right, y, { bold: true, size: 15 });
  y += 28;

  if (rows.length === 0) {
    canvas.text.right(emptyNote, PAGE.right - CELL_PADDING, y, CELL_STYLE);

    return y + ROW_HEIGHT + 10;
  }

  drawRow(canvas, headers, shares, y, true);
  y += ROW_HEIGHT;

  for (const row of rows) {
    if (y + ROW_HEIGHT > PAGE.bottom) {
      canvas.doc.addPage();
      y = PAGE.top;
      drawRow(canvas, headers, shares, y, true);
      y += ROW_HEIGHT;
    }
    drawRow(
      canvas,
      columns.map((column) => column.value(row)),
      shares,
      y,
      false,
    );
    y += ROW_HEIGHT;
  }

  return y + 10;
}
