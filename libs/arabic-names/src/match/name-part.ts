import { normalizeArabicName } from '../normalize';

import { ARABIC_NAME_EDIT_COSTS, type LetterConfusion, letterConfusion } from './arabic-edit-costs';
import { type EditOperation, weightedEditDistance } from './edit-distance';
import { nameMatchKey } from './match-key';

export type NamePart = 'family' | 'father' | 'given' | 'grandfather';

/**
 * - `same`: one name once normalized.
 * - `variant`: two spellings of one name, by the rules or by a small edit distance.
 * - `different`: two names.
 * - `missing`: blank on at least one side, so not compared.
 */
export type PartVerdict = 'different' | 'missing' | 'same' | 'variant';

export interface PartComparison {
  /** Normalized left and right names; null when blank. */
  left: string | null;
  part: NamePart;
  /** Explanation of the verdict, in English. */
  reason: string;
  right: string | null;
  /** 0 to 1, rounded to 3 decimals; null when the part was not compared. */
  similarity: number | null;
  verdict: PartVerdict;
}

export interface PartComparisonOptions {
  /** Normalized names without spaces that are names in their own right. */
  knownNames: ReadonlySet<string>;
  /** Lowest edit similarity that still counts as a spelling variant. */
  variantFloor: number;
}

/** Similarity given when the match keys agree: a sure variant, yet below an exact match. */
const KEY_MATCH_SIMILARITY = 0.98;

/** Similarity given when one side drops the second word of a compound (محمد خير and محمد). */
const COMPOUND_PREFIX_SIMILARITY = 0.85;

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const CONFUSION_LABELS: Readonly<Record<LetterConfusion, string>> = {
  dots: 'letters that differ only in their dots',
  sound: 'letters that sound alike',
  vowel: 'vowel letters written either way',
};

/** Describes one edit in the words an operator reads in the review queue. */
export function describeEdit(operation: EditOperation): string {
  switch (operation.kind) {
    case 'delete':
      return `${operation.letter} only on the left`;
    case 'insert':
      return `${operation.letter} only on the right`;
    case 'transpose':
      return `${operation.letters} swapped`;
    case 'substitute': {
      const confusion = letterConfusion(operation.from, operation.to);
      const note = confusion === undefined ? '' : ` (${CONFUSION_LABELS[confusion]})`;

      return `${operation.from} on the left, ${operation.to} on the right${note}`;
    }
  }
}

type Outcome = Pick<PartComparison, 'reason' | 'similarity' | 'verdict'>;

/** Two normalized names of one part and their match keys. */
interface Pair {
  left: string;
  leftKey: string;
  part: NamePart;
  right: string;
  rightKey: string;
}

function compareByRules(pair: Pair, options: PartComparisonOptions): Outcome | undefined {
  const { left, part, right } = pair;

  if (pair.leftKey === pair.rightKey) {
    return {
      reason: 'same once spaces, doubled letters, a final ة/ا and the article ال are ignored',
      similarity: KEY_MATCH_SIMILARITY,
      verdict: 'variant',
    };
  }

  const [leftWords, rightWords] = [left.split(' '), right.split(' ')];
  const [shorter, longer] =
    leftWords.length <= rightWords.length ? [leftWords, rightWords] : [rightWords, leftWords];

  if (shorter.length === 1 && longer.length > 1 && shorter[0] === longer[0]) {
    return {
      reason: `compound name ${longer.join(' ')} written as its first word`,
      similarity: COMPOUND_PREFIX_SIMILARITY,
      verdict: 'variant',
    };
  }

  const [leftJoined, rightJoined] = [left.replace(/ /g, ''), right.replace(/ /g, '')];

  if (
    part !== 'family' &&
    options.knownNames.has(leftJoined) &&
    options.knownNames.has(rightJoined)
  ) {
    return {
      reason: `${left} and ${right} are different names`,
      similarity: 0,
      verdict: 'different',
    };
  }

  return undefined;
}

function compareByEdits(pair: Pair, options: PartComparisonOptions): Outcome {
  const { leftKey, rightKey } = pair;
  const edits = weightedEditDistance(leftKey, rightKey, ARABIC_NAME_EDIT_COSTS);
  const length = Math.max([...leftKey].length, [...rightKey].length);
  const similarity = round3(Math.max(0, 1 - edits.distance / length));
  const described = edits.operations.map(describeEdit).join(', ');

  if (similarity >= options.variantFloor) {
    return { reason: `spelling variant: ${described}`, similarity, verdict: 'variant' };
  }

  return { reason: `too far apart: ${described}`, similarity, verdict: 'different' };
}

/**
 * Compares one part of two name chains. Normalization decides first (أحمد and احمد), then the
 * match key (الحلبي and حلبي, داوود and داود), then a compound written as its first word. Two
 * different names that are both known given names are different whatever their distance, which
 * keeps twins such as حسن and حسين apart. Anything else is scored by a weighted edit distance
 * that prices sound-alike letters, dot slips and swapped letters below other edits.
 */
export function compareNamePart(
  part: NamePart,
  leftName: string | null | undefined,
  rightName: string | null | undefined,
  options: PartComparisonOptions,
): PartComparison {
  const left = normalizeArabicName(leftName ?? '') || null;
  const right = normalizeArabicName(rightName ?? '') || null;

  if (left === null || right === null) {
    const reason = left === right ? 'blank on both sides' : 'blank on one side';

    return { left, part, reason, right, similarity: null, verdict: 'missing' };
  }

  if (left === right) {
    return {
      left,
      part,
      reason: 'same after normalization',
      right,
      similarity: 1,
      verdict: 'same',
    };
  }

  const keyOptions = { dropArticle: part === 'family' };
  const pair: Pair = {
    left,
    leftKey: nameMatchKey(left, keyOptions),
    part,
    right,
    rightKey: nameMatchKey(right, keyOptions),
  };
  const outcome = compareByRules(pair, options) ?? compareByEdits(pair, options);

  return { left, part, right, ...outcome };
}
