import { knownGivenNames } from './known-given-names';
import { compareNamePart, type NamePart, type PartComparison } from './name-part';

/**
 * A person's name as Syrian civil records write it: own given name, father's given name,
 * grandfather's given name (often left out) and family name.
 */
export interface NameChain {
  familyName: string;
  fatherName: string;
  givenName: string;
  grandfatherName?: string | null;
}

export type PartWeights = Readonly<Record<NamePart, number>>;

export interface ChainMatchOptions {
  /** Names that are names in their own right; defaults to `knownGivenNames()`. */
  knownNames?: ReadonlySet<string>;
  /** Lowest score that counts as a match, 0 to 1. */
  threshold?: number;
  /** Lowest similarity of one part that still counts as a spelling variant, 0 to 1. */
  variantFloor?: number;
  weights?: PartWeights;
}

export interface ChainMatch {
  /** True when no compared part differs and the score reaches the threshold. */
  match: boolean;
  parts: PartComparison[];
  /** One line per part, then the verdict, in English. */
  reasons: string[];
  /** Weighted mean similarity of the compared parts, 0 to 1, rounded to 3 decimals. */
  score: number;
}

/**
 * The given name weighs most because siblings share every other part. The grandfather weighs
 * least because registers often leave it out or abbreviate the chain.
 */
export const DEFAULT_PART_WEIGHTS: PartWeights = {
  family: 0.25,
  father: 0.3,
  given: 0.35,
  grandfather: 0.1,
};

export const DEFAULT_MATCH_THRESHOLD = 0.85;

export const DEFAULT_VARIANT_FLOOR = 0.75;

/** Parts that both records must state; only the grandfather may be missing. */
const REQUIRED_PARTS: ReadonlySet<NamePart> = new Set(['family', 'father', 'given']);

function partReason(comparison: PartComparison): string {
  const similarity = comparison.similarity === null ? '' : ` (${comparison.similarity})`;

  return `${comparison.part}: ${comparison.verdict}${similarity}, ${comparison.reason}`;
}

function weightedScore(parts: readonly PartComparison[], weights: PartWeights): number {
  let total = 0;
  let weightSum = 0;

  for (const part of parts) {
    if (part.similarity === null) continue;
    total += weights[part.part] * part.similarity;
    weightSum += weights[part.part];
  }

  return weightSum === 0 ? 0 : Math.round((total / weightSum) * 1000) / 1000;
}

/** Finds the first part that rules a match out: a different name or a missing required part. */
function blockingPart(parts: readonly PartComparison[]): PartComparison | undefined {
  return parts.find(
    (part) =>
      part.verdict === 'different' || (part.verdict === 'missing' && REQUIRED_PARTS.has(part.part)),
  );
}

function verdictReason(
  blocking: PartComparison | undefined,
  score: number,
  threshold: number,
): string {
  if (blocking !== undefined) return `no match: ${blocking.part} name ${blocking.verdict}`;
  if (score < threshold) return `no match: score ${score} below ${threshold}`;

  return `match: score ${score} reaches ${threshold}`;
}

/**
 * Compares two name chains part by part (see `compareNamePart`) and weighs the parts into one
 * score. A grandfather missing on either side is left out of the score instead of counting
 * against the match. Any part that differs, or a missing given, father or family name, rules a
 * match out whatever the score.
 */
export function matchNameChains(
  left: NameChain,
  right: NameChain,
  options: ChainMatchOptions = {},
): ChainMatch {
  const weights = options.weights ?? DEFAULT_PART_WEIGHTS;
  const threshold = options.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const partOptions = {
    knownNames: options.knownNames ?? knownGivenNames(),
    variantFloor: options.variantFloor ?? DEFAULT_VARIANT_FLOOR,
  };
  const parts = [
    compareNamePart('given', left.givenName, right.givenName, partOptions),
    compareNamePart('father', left.fatherName, right.fatherName, partOptions),
    compareNamePart('grandfather', left.grandfatherName, right.grandfatherName, partOptions),
    compareNamePart('family', left.familyName, right.familyName, partOptions),
  ];
  const score = weightedScore(parts, weights);
  const blocking = blockingPart(parts);

  return {
    match: blocking === undefined && score >= threshold,
    parts,
    reasons: [...parts.map(partReason), verdictReason(blocking, score, threshold)],
    score,
  };
}
