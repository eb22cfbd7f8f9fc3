import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

import { ArabicText, FONT_FILES, registerFonts } from '../src/extracts/pdf/arabic-text';
import { visualPieces } from '../src/extracts/pdf/bidi';

const font = fontkit.openSync(FONT_FILES.regular) as fontkit.Font;

// Glyph ids that HarfBuzz 6.0.0 (`hb-shape Amiri-Regular.ttf محمد`, Debian 12) gives for محمد in
// Amiri 0.113, in visual order: dal final, meem medial, haa medial, meem initial.
const HARFBUZZ_MUHAMMAD = [2170, 5007, 3413, 3411];

function nominalGlyphId(char: string): number {
  return font.glyphForCodePoint(char.codePointAt(0) as number).id;
}

/** Draws `text` into an uncompressed PDF and returns the file. */
function drawUncompressed(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, margin: 0, size: 'A4' });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });

  registerFonts(doc);
  new ArabicText(doc).left(text, 100, 100, { size: 20 });
  doc.end();

  return done;
}

/** Extracts the embedded font program (FontFile2) and the glyph ids of the first TJ operator. */
function embeddedGlyphs(pdf: Buffer): { program: Buffer; shown: number[] } {
  const text = pdf.toString('latin1');
  const fontFileRef = /\/FontFile2 (\d+) 0 R/.exec(text)?.[1];
  const objectStart = text.indexOf(`\n${fontFileRef} 0 obj`);
  const length = Number(/\/Length (\d+)/.exec(text.slice(objectStart))?.[1]);
  const dataStart = text.indexOf('stream\n', objectStart) + 'stream\n'.length;
  const hex = /\[<([0-9a-f]+)>[^\]]*\] TJ/.exec(text)?.[1] ?? '';

  return {
    program: pdf.subarray(dataStart, dataStart + length),
    shown: (hex.match(/.{4}/g) ?? []).map((group) => parseInt(group, 16)),
  };
}

describe('Arabic shaping', () => {
  it('isolated letter uses the nominal glyph', () => {
    const run = font.layout('م');

    expect(run.glyphs.map((glyph) => glyph.id)).toEqual([nominalGlyphId('م')]);
  });

  it('محمد uses contextual forms', () => {
    const run = font.layout('محمد');
    const glyphs = run.glyphs;

    expect(glyphs).toHaveLength(4);
    // fontkit returns right-to-left glyphs in visual order, so the last letter comes first.
    expect(glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints))).toEqual([
      'د',
      'م',
      'ح',
      'م',
    ]);
    for (const glyph of glyphs) {
      expect(glyph.id).not.toBe(nominalGlyphId(String.fromCodePoint(...glyph.codePoints)));
    }
    expect(glyphs.map((glyph) => glyph.name.split('_')[0])).toEqual([
      'uni062F.fina',
      'uni0645.medi',
      'uni062D.medi',
      'uni0645.init',
    ]);
  });

  it('محمد matches HarfBuzz', () => {
    expect(font.layout('محمد').glyphs.map((glyph) => glyph.id)).toEqual(HARFBUZZ_MUHAMMAD);
  });

  it('lam-alef uses its joined forms', () => {
    const ids = font.layout('لا').glyphs.map((glyph) => glyph.id);

    expect(ids).not.toContain(nominalGlyphId('ل'));
    expect(ids).not.toContain(nominalGlyphId('ا'));
  });

  it('each word of a name is shaped whole', () => {
    const words = visualPieces('محمد أحمد الحلبي').filter((piece) => piece.text !== ' ');

    expect(words.map((piece) => piece.text)).toEqual(['الحلبي', 'أحمد', 'محمد']);
    for (const word of words) {
      // The last letter of each word joins the letter before it, so it takes its final form.
      const last = word.text.at(-1) as string;
      const ids = font.layout(word.text).glyphs.map((glyph) => glyph.id);

      expect(ids).not.toContain(nominalGlyphId(last));
    }
  });

  it('PDF embeds the contextual glyphs of محمد', async () => {
    const { program, shown: shownIds } = embeddedGlyphs(await drawUncompressed('محمد'));
    const subset = fontkit.create(program) as fontkit.Font;
    const outline = (source: fontkit.Font, id: number): string => source.getGlyph(id).path.toSVG();

    expect(shownIds).toHaveLength(HARFBUZZ_MUHAMMAD.length);
    shownIds.forEach((subsetId, index) => {
      expect(outline(subset, subsetId)).toBe(outline(font, HARFBUZZ_MUHAMMAD[index] as number));
    });
    expect(outline(subset, shownIds[3] as number)).not.toBe(outline(font, nominalGlyphId('م')));
  });
});
