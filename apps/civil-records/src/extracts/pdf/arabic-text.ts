import { join } from 'node:path';

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

/** Registers the Amiri fonts, which pdfkit embeds as subsets when the document ends. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
}

/**
 * Draws single lines of Arabic and mixed Arabic-Latin text. Each line is split into bidi pieces
 * and each piece is handed to pdfkit, whose fontkit picks the contextual letter forms through
 * the font's OpenType GSUB tables.
 */
export class ArabicText {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Width in points of `text` set in `style`. */
  width(text: string, style: TextStyle): number {
    this.select(style);

    return visualPieces(text).reduce((sum, piece) => sum + this.doc.widthOfString(piece.text), 0);
  }

  /** Largest size up to `style.size`, and at least 7 points, at which `text` fits in `maxWidth`. */
  fit(text: string, maxWidth: number, style: TextStyle): TextStyle {
    const width = this.width(text, style);

    if (width <= maxWidth) return style;

    return { ...style, size: Math.max(MIN_FIT_SIZE, (style.size * maxWidth) / width) };
  }

  /** Draws `text` with its right edge at `right`; `top` is the top of the line box. */
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
