import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

// fontkit 2.0.4 lays out a string as right-to-left, and reverses its glyphs, when the first
// character with a script other than Common or Inherited belongs to one of these scripts. It
// applies no bidi algorithm, so a mixed string such as "محمد 1990" comes out as "0991 دمحم".
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const INHERITED_SCRIPT = /\p{Script=Inherited}/u;

// Explicit directional formatting characters, which UAX #9 rule X9 removes from display.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Wraps a left-to-right value, such as a date or an id, in a left-to-right isolate (LRI ... PDI).
 * Without it a date after Arabic text is read as Arabic numbers with hyphens between them, and
 * "2026-06-30" displays as "30-06-2026".
 */
export function isolateLtr(value: string): string {
  return `\u2066${value}\u2069`;
}

/** A piece of one line, in visual order, ready for pdfkit to draw from left to right. */
export interface VisualPiece {
  /** Embedding level from the Unicode Bidirectional Algorithm; odd is right-to-left. */
  level: number;
  /**
   * Text to hand to pdfkit. A right-to-left-script piece is in logical order, so that fontkit
   * shapes it and reverses it itself. Any other piece is already in visual order.
   */
  text: string;
}

/**
 * Marks the characters that fontkit reverses: those in a right-to-left script, and combining
 * marks and joiners (script Inherited) that follow one.
 */
function reversedByFontkit(text: string): boolean[] {
  const marks: boolean[] = [];

  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    const previous = marks[index - 1] ?? false;

    marks.push(RTL_SCRIPT.test(char) || (INHERITED_SCRIPT.test(char) && previous));
  }

  return marks;
}

/**
 * Orders one line of text for display with the Unicode Bidirectional Algorithm (UAX #9) and a
 * right-to-left paragraph direction. Returns pieces from left to right. Each piece has one
 * embedding level and is either wholly in a right-to-left script or wholly not, so that
 * fontkit's own reversal of right-to-left scripts turns every piece into visual order.
 * Mirrored characters, such as a parenthesis in a right-to-left run, are already swapped.
 */
export function visualPieces(line: string): VisualPiece[] {
  if (line.length === 0) return [];

  const embedding = bidi.getEmbeddingLevels(line, 'rtl');
  const mirrored = bidi.getMirroredCharactersMap(line, embedding.levels);
  const reversed = reversedByFontkit(line);
  const pieces: { level: number; reversed: boolean; visual: string[] }[] = [];

  for (const index of bidi.getReorderedIndices(line, embedding)) {
    if (BIDI_CONTROLS.test(line[index] ?? '')) continue;

    const level = embedding.levels[index] ?? 0;
    const char = mirrored.get(index) ?? line[index] ?? '';
    const last = pieces[pieces.length - 1];

    if (last && last.level === level && last.reversed === reversed[index]) {
      last.visual.push(char);
    } else {
      pieces.push({ level, reversed: reversed[index] ?? false, visual: [char] });
    }
  }

  // Undo in advance the reversal that fontkit applies to right-to-left-script pieces.
  return pieces.map((piece) => ({
    level: piece.level,
    text: (piece.reversed ? [...piece.visual].reverse() : piece.visual).join(''),
  }));
}
