import { latinName } from '@bitaqa/contracts';
import { familyNames, givenNames } from '@bitaqa/reference-data';

import { normalizeArabicName, transliterateArabicName } from '../src';

const allNames = [
  ...givenNames('F').map((name) => name.nameAr),
  ...givenNames('M').map((name) => name.nameAr),
  ...familyNames().map((name) => name.nameAr),
];

/** Adds a fatha after the first letter and a tatweel after the second, as a scribe might. */
function decorate(name: string): string {
  const letters = [...name];

  return ` ${letters[0]}\u064E${letters[1] ?? ''}\u0640${letters.slice(2).join('')} `;
}

describe('reference name lists', () => {
  it('has names to check', () => {
    expect(allNames.length).toBeGreaterThan(1000);
  });

  it('transliterates every name into a latinName', () => {
    const invalid = allNames.filter(
      (name) => !latinName.safeParse(transliterateArabicName(name)).success,
    );

    expect(invalid).toEqual([]);
  });

  it('ignores diacritics and tatweel', () => {
    const unstable = allNames.filter(
      (name) => transliterateArabicName(decorate(name)) !== transliterateArabicName(name),
    );

    expect(unstable).toEqual([]);
  });

  it('normalizes idempotently', () => {
    const unstable = allNames.filter(
      (name) => normalizeArabicName(normalizeArabicName(name)) !== normalizeArabicName(name),
    );

    expect(unstable).toEqual([]);
  });
});
