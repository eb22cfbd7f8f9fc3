import { join } from 'node:path';

import * as fontkit from 'fontkit';

import { visualPieces } from './bidi';

/** Amiri 0.113 TTFs with their SIL Open Font License, committed with the app. */
export const FONT_DIR = join(__dirname, '..', '..', '..', 'assets', 'fonts');

export const FONT_FILES = {
  bold: join(FONT_DIR, 'Amiri-Bold.ttf'),
  regular: join(FONT_DIR, 'Amiri-Regular.ttf'),
} as const;

export interface TextStyle {
  bold?: boolean;
  /** Font size in points. */
  size: number;
}

// Below this size a value no longer prints legibly on A4, so longer text overflows instead.
const MIN_FIT_SIZE = 7;

let parsedFonts: { bold: fontkit.Font; regular: fontkit.Font } | undefined;

/**
 * Opens the fonts once per process. pdfkit 0.20 accepts a fontkit font in place of a file and
 * keeps its own subset per document, so the parsed fonts and their glyph caches can be shared.
 * bench/civil-extracts/render-pdf.ts measured about 110 ms a PDF with the file opened by each
 * document against 21 ms with a shared font (2-core machine under load from other jobs).
 */
function fonts(): { bold: fontkit.Font; regular: fontkit.Font } {
  parsedFonts ??= {
    bold: fontkit.openSync(FONT_FILES.bold) as fontkit.Font,
    regular: fontkit.openSync(FONT_FILES.regular) as fontkit.Font,
  };

  return parsedFonts;
}

/** Registers the Amiri fonts, which pdfkit embeds as subsets when the document ends. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  // @types/pdfkit 0.17 lists only paths and buffers as font sources, though pdfkit also takes
  // any object with a layout() method, as a fontkit font has.
  doc.registerFont('regular', fonts().regular as unknown as string);
  doc.registerFont('bold', fonts().bold as unknown as string);
}

/**
 * Draws single lines of Arabic and mixed Arabic-Latin text. Each line is split into bidi pieces
 * and each piece is handed to pdfkit, whose fontkit picks the contextual letter forms through
 * the font's OpenType GSUB tables.
 */
export class ArabicText {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Measures the width in points of `text` set in `style`. */
  width(text: string, style: TextStyle): number {
    this.select(style);

    return visualPieces(text).reduce((sum, piece) => sum + this.doc.widthOfString(piece.text), 0);
  }

  /** Finds the largest size up to `style.size`, and at least 7 points, that fits `maxWidth`. */
  fit(text: string, maxWidth: number, style: TextStyle): TextStyle {
    const width = this.width(text, style);

    if (width <= maxWidth) return style;

    return { ...style, size: Math.max(MIN_FIT_SIZE, (style.size * maxWidth) / width) };
  }

  /** Draws `text` with its right edge at `right` and the top of its line box at `top`. */
  right(text: string, right: number, top: number, style: TextStyle): void {
    this.draw(text, right - this.width(text, style), top, style);
  }

  left(text: string, left: number, top: number, style: TextStyle): void {
    this.draw(text, left, top, style);
  }

  center(text: string, center: number, top: number, style: TextStyle): void {
    this.draw(text, center - this.width(text, style) / 2, top, style);
  }

  private draw(text: string, left: number, top: number, style: TextStyle): void {
    this.select(style);

    let x = left;

    for (const piece of visualPieces(text)) {
      this.doc.text(piece.text, x, top, { lineBreak: false });
      x += this.doc.widthOfString(piece.text);
    }
  }

  private select(style: TextStyle): void {
    this.doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size);
  }
}
