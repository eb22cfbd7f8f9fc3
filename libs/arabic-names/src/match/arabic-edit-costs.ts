import type { EditCosts } from './edit-distance';

/** Kind of confusion between two letters, as the reasons of a name comparison name it. */
export type LetterConfusion = 'dots' | 'sound' | 'vowel';

/**
 * Letter pairs that registrars confuse, in folded form (see `foldArabicLetters`), and the cost
 * of writing one for the other. A plain substitution costs 1.
 *
 * - `sound`: letters that Levantine speech pronounces alike, so a clerk writing from dictation
 *   picks either (س/ص, ت/ط, ذ/ز, ق/ك, ث/س, ه/ح).
 * - `dots`: letters that share a skeleton and differ only in their dots, which handwriting and
 *   scanned registers lose (ب/ت/ث/ن/ي, ج/ح/خ, س/ش, ع/غ, ف/ق).
 * - `vowel`: alef written for a yeh or heh read as a, which happens at the end of a name
 *   (مصطفى as مصطفا, رنا as رنه), though the cost applies anywhere.
 */
const CONFUSIONS: ReadonlyArray<readonly [string, LetterConfusion, number]> = [
  ['سص', 'sound', 0.4],
  ['تط', 'sound', 0.4],
  ['دض', 'sound', 0.4],
  ['ذزظ', 'sound', 0.4],
  ['ضظ', 'sound', 0.4],
  ['ثس', 'sound', 0.4],
  ['ثت', 'sound', 0.4],
  ['قك', 'sound', 0.4],
  ['هح', 'sound', 0.4],
  ['اع', 'sound', 0.6],
  ['اي', 'vowel', 0.5],
  ['اه', 'vowel', 0.5],
  ['بتثني', 'dots', 0.6],
  ['جحخ', 'dots', 0.6],
  ['دذ', 'dots', 0.6],
  ['رز', 'dots', 0.6],
  ['سش', 'dots', 0.6],
  ['صض', 'dots', 0.6],
  ['طظ', 'dots', 0.6],
  ['عغ', 'dots', 0.6],
  ['فق', 'dots', 0.6],
];

/** Swapping two neighbouring letters is a slip of the pen or the keyboard. */
export const TRANSPOSITION_COST = 0.6;

/** Hamza on the line is dropped or added freely (اسماء and اسما). */
export const HAMZA_INSERT_COST = 0.5;

interface Confusion {
  cost: number;
  kind: LetterConfusion;
}

function pairKey(first: string, second: string): string {
  return first < second ? `${first}${second}` : `${second}${first}`;
}

/** The cheapest confusion of every letter pair, keyed by the pair in code-point order. */
const confusionsByPair: ReadonlyMap<string, Confusion> = (() => {
  const pairs = new Map<string, Confusion>();

  for (const [group, kind, cost] of CONFUSIONS) {
    const letters = [...group];

    for (const first of letters) {
      for (const second of letters) {
        const key = pairKey(first, second);
        const known = pairs.get(key);

        if (first !== second && (known === undefined || cost < known.cost)) {
          pairs.set(key, { cost, kind });
        }
      }
    }
  }

  return pairs;
})();

/** Returns the kind of confusion between two letters, or undefined for unrelated letters. */
export function letterConfusion(first: string, second: string): LetterConfusion | undefined {
  return confusionsByPair.get(pairKey(first, second))?.kind;
}

/** Edit costs for folded Arabic names. */
export const ARABIC_NAME_EDIT_COSTS: EditCosts = {
  insertOrDelete: (letter) => (letter === 'ء' ? HAMZA_INSERT_COST : 1),
  substitute: (from, to) => confusionsByPair.get(pairKey(from, to))?.cost ?? 1,
  transpose: () => TRANSPOSITION_COST,
};
