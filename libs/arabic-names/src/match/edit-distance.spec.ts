import { ARABIC_NAME_EDIT_COSTS, letterConfusion } from './arabic-edit-costs';
import { weightedEditDistance } from './edit-distance';

describe('weightedEditDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['abcd', 'acbd', 1],
    // Optimal string alignment edits no letter twice, so this takes 3 and not 2.
    ['ca', 'abc', 3],
  ])('%s to %s with unit costs is %d', (left, right, expected) => {
    expect(weightedEditDistance(left, right).distance).toBe(expected);
  });

  it('lists the edits in order', () => {
    expect(weightedEditDistance('kitten', 'sitting').operations).toEqual([
      { cost: 1, from: 'k', kind: 'substitute', to: 's' },
      { cost: 1, from: 'e', kind: 'substitute', to: 'i' },
      { cost: 1, kind: 'insert', letter: 'g' },
    ]);
  });

  it('lists a swap and a deletion', () => {
    expect(weightedEditDistance('abcx', 'bac').operations).toEqual([
      { cost: 1, kind: 'transpose', letters: 'ab' },
      { cost: 1, kind: 'delete', letter: 'x' },
    ]);
  });

  it('counts code points', () => {
    expect(weightedEditDistance('\u{1F600}a', 'a').distance).toBe(1);
  });

  it('prices Arabic confusions below other edits', () => {
    const costs = ARABIC_NAME_EDIT_COSTS;

    expect(weightedEditDistance('سعد', 'صعد', costs).distance).toBe(0.4);
    expect(weightedEditDistance('حالد', 'خالد', costs).distance).toBe(0.6);
    expect(weightedEditDistance('يوسف', 'يسوف', costs).distance).toBe(0.6);
    expect(weightedEditDistance('اسماء', 'اسما', costs).distance).toBe(0.5);
    expect(weightedEditDistance('سعد', 'سعيد', costs).distance).toBe(1);
    expect(weightedEditDistance('سعد', 'مجد', costs).distance).toBe(2);
  });
});

describe('letterConfusion', () => {
  it.each([
    ['س', 'ص', 'sound'],
    ['ص', 'س', 'sound'],
    ['ت', 'ث', 'sound'],
    ['ب', 'ن', 'dots'],
    ['ج', 'خ', 'dots'],
    ['ا', 'ه', 'vowel'],
  ])('%s and %s are %s', (first, second, kind) => {
    expect(letterConfusion(first, second)).toBe(kind);
  });

  it('leaves unrelated letters alone', () => {
    expect(letterConfusion('س', 'ت')).toBeUndefined();
    expect(letterConfusion('م', 'ل')).toBeUndefined();
  });
});
