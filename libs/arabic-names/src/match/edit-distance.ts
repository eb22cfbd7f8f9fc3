/** Prices of the edits that turn one string into another; letters are single code points. */
export interface EditCosts {
  insertOrDelete(letter: string): number;
  substitute(from: string, to: string): number;
  transpose(first: string, second: string): number;
}

/** One step of the cheapest alignment, read from the left string towards the right one. */
export type EditOperation =
  | { cost: number; kind: 'delete'; letter: string }
  | { cost: number; kind: 'insert'; letter: string }
  | { cost: number; from: string; kind: 'substitute'; to: string }
  | { cost: number; kind: 'transpose'; letters: string };

export interface EditDistance {
  distance: number;
  /** The edits of one cheapest alignment, in string order; empty for equal strings. */
  operations: EditOperation[];
}

/** Unit costs: plain optimal string alignment (restricted Damerau-Levenshtein) distance. */
export const UNIT_EDIT_COSTS: EditCosts = {
  insertOrDelete: () => 1,
  substitute: () => 1,
  transpose: () => 1,
};

type Step = 'delete' | 'insert' | 'match' | 'substitute' | 'transpose';

/** The dynamic-programming table: cheapest cost and last step for each pair of prefixes. */
class AlignmentTable {
  private readonly costs: Float64Array;
  private readonly steps: Step[];
  private readonly width: number;

  constructor(rows: number, columns: number) {
    this.width = columns;
    this.costs = new Float64Array(rows * columns);
    this.steps = new Array<Step>(rows * columns).fill('match');
  }

  cost(i: number, j: number): number {
    return this.costs[i * this.width + j] ?? Number.POSITIVE_INFINITY;
  }

  step(i: number, j: number): Step {
    return this.steps[i * this.width + j] ?? 'match';
  }

  set(i: number, j: number, cost: number, step: Step): void {
    this.costs[i * this.width + j] = cost;
    this.steps[i * this.width + j] = step;
  }
}

/** Reads letter `index` of a string split into code points; the caller keeps it in range. */
function letterAt(letters: readonly string[], index: number): string {
  return letters[index] ?? '';
}

function bestStep(
  left: readonly string[],
  right: readonly string[],
  table: AlignmentTable,
  position: { i: number; j: number },
  costs: EditCosts,
): [number, Step] {
  const { i, j } = position;
  const a = letterAt(left, i - 1);
  const b = letterAt(right, j - 1);
  const candidates: Array<[number, Step]> = [
    a === b
      ? [table.cost(i - 1, j - 1), 'match']
      : [table.cost(i - 1, j - 1) + costs.substitute(a, b), 'substitute'],
    [table.cost(i - 1, j) + costs.insertOrDelete(a), 'delete'],
    [table.cost(i, j - 1) + costs.insertOrDelete(b), 'insert'],
  ];
  const swapped = i > 1 && j > 1 && a !== b;

  if (swapped && a === letterAt(right, j - 2) && letterAt(left, i - 2) === b) {
    candidates.push([table.cost(i - 2, j - 2) + costs.transpose(b, a), 'transpose']);
  }

  return candidates.reduce((min, next) => (next[0] < min[0] ? next : min));
}

function fillTable(
  left: readonly string[],
  right: readonly string[],
  costs: EditCosts,
): AlignmentTable {
  const table = new AlignmentTable(left.length + 1, right.length + 1);

  table.set(0, 0, 0, 'match');

  for (let i = 1; i <= left.length; i += 1) {
    table.set(i, 0, table.cost(i - 1, 0) + costs.insertOrDelete(letterAt(left, i - 1)), 'delete');
  }

  for (let j = 1; j <= right.length; j += 1) {
    table.set(0, j, table.cost(0, j - 1) + costs.insertOrDelete(letterAt(right, j - 1)), 'insert');
  }

  for (let i = 1; i <= left.length; i += 1) {
    for (let j = 1; j <= right.length; j += 1) {
      const [cost, step] = bestStep(left, right, table, { i, j }, costs);

      table.set(i, j, cost, step);
    }
  }

  return table;
}

/** Walks the table back from the full strings to the empty ones and lists the edits in order. */
function traceOperations(
  left: readonly string[],
  right: readonly string[],
  table: AlignmentTable,
): EditOperation[] {
  const operations: EditOperation[] = [];
  let i = left.length;
  let j = right.length;

  while (i > 0 || j > 0) {
    const step = table.step(i, j);
    const cost = table.cost(i, j);

    if (step === 'match' || step === 'substitute') {
      if (step === 'substitute') {
        const [from, to] = [letterAt(left, i - 1), letterAt(right, j - 1)];

        operations.push({ cost: cost - table.cost(i - 1, j - 1), from, kind: 'substitute', to });
      }
      i -= 1;
      j -= 1;
    } else if (step === 'transpose') {
      const letters = `${letterAt(left, i - 2)}${letterAt(left, i - 1)}`;

      operations.push({ cost: cost - table.cost(i - 2, j - 2), kind: 'transpose', letters });
      i -= 2;
      j -= 2;
    } else if (step === 'delete') {
      const letter = letterAt(left, i - 1);

      operations.push({ cost: cost - table.cost(i - 1, j), kind: 'delete', letter });
      i -= 1;
    } else {
      const letter = letterAt(right, j - 1);

      operations.push({ cost: cost - table.cost(i, j - 1), kind: 'insert', letter });
      j -= 1;
    }
  }

  return operations.reverse();
}

/**
 * Weighted optimal string alignment distance: insertions, deletions, substitutions and swaps of
 * two adjacent letters, each priced by `costs`, where no letter is edited twice. Works on code
 * points, so every Arabic letter counts once.
 */
export function weightedEditDistance(
  left: string,
  right: string,
  costs: EditCosts = UNIT_EDIT_COSTS,
): EditDistance {
  const leftLetters = [...left];
  const rightLetters = [...right];
  const table = fillTable(leftLetters, rightLetters, costs);

  return {
    distance: table.cost(leftLetters.length, rightLetters.length),
    operations: traceOperations(leftLetters, rightLetters, table),
  };
}
