import { normalizeArabicName, transliterateArabicName } from '@bitaqa/arabic-names';
import { makeNationalNumber } from '@bitaqa/contracts';
import { divisionsAtLevel, familyNames, givenNames } from '@bitaqa/reference-data';

/** One synthetic person, with every form of the names that the registry stores. */
export interface SyntheticPerson {
  birthDate: string;
  birthPlace: string;
  familyNameAr: string;
  fatherNameAr: string;
  givenNameAr: string;
  governorate: string;
  grandfatherNameAr: string;
  motherNameAr: string;
  nationalNumber: string;
  sex: 'F' | 'M';
}

/** Deterministic generator (mulberry32): person `i` is the same in every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;

    let t = state;

    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Names with a Latin form; the registry cannot store a name without one. */
function transliterable(names: readonly string[]): string[] {
  return names.filter((name) => {
    try {
      transliterateArabicName(name);

      return true;
    } catch {
      return false;
    }
  });
}

interface Pools {
  families: string[];
  men: string[];
  placesByGovernorate: Map<string, string[]>;
  women: string[];
}

let pools: Pools | undefined;

function namePools(): Pools {
  if (pools !== undefined) return pools;

  const placesByGovernorate = new Map<string, string[]>();

  for (const division of divisionsAtLevel(3)) {
    const governorate = division.pcode.slice(0, 4);

    placesByGovernorate.set(governorate, [
      ...(placesByGovernorate.get(governorate) ?? []),
      division.pcode,
    ]);
  }

  pools = {
    families: transliterable(familyNames().map((name) => name.nameAr)),
    men: transliterable(givenNames('M').map((name) => name.nameAr)),
    placesByGovernorate,
    women: transliterable(givenNames('F').map((name) => name.nameAr)),
  };

  return pools;
}

/** Picks from a list whose first entries are the most common, as given names are. */
function skewed<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(items.length * next() ** 2)] as T;
}

function uniform<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(items.length * next())] as T;
}

/** Person number `i` (1 or more): governorate `1 + i % 14`, serial `i`. */
export function personAt(i: number): SyntheticPerson {
  const { families, men, placesByGovernorate, women } = namePools();
  const next = random(i * 2_654_435_761);
  const governorateNumber = 1 + (i % 14);
  const governorate = `SY${String(governorateNumber).padStart(2, '0')}`;
  const sex = next() < 0.5 ? 'F' : 'M';
  const familyNameAr = uniform(families, next);
  const birthDay = Math.floor(next() * 30_000);

  return {
    birthDate: new Date(Date.UTC(1940, 0, 1) + birthDay * 86_400_000).toISOString().slice(0, 10),
    birthPlace: uniform(placesByGovernorate.get(governorate) ?? [governorate], next),
    familyNameAr,
    fatherNameAr: skewed(men, next),
    givenNameAr: skewed(sex === 'F' ? women : men, next),
    governorate,
    grandfatherNameAr: skewed(men, next),
    motherNameAr: `${skewed(women, next)} ${uniform(families, next)}`,
    nationalNumber: makeNationalNumber(governorateNumber, i),
    sex,
  };
}

const latinCache = new Map<string, string>();

/** Latin form of a name, computed once per distinct name. */
export function latinOf(name: string): string {
  let latin = latinCache.get(name);

  if (latin === undefined) {
    latin = transliterateArabicName(name);
    latinCache.set(name, latin);
  }

  return latin;
}

const normalizedCache = new Map<string, string>();

/** Normalized form of a single name, computed once per distinct name. */
export function normalizedOf(name: string): string {
  let normalized = normalizedCache.get(name);

  if (normalized === undefined) {
    normalized = normalizeArabicName(name);
    normalizedCache.set(name, normalized);
  }

  return normalized;
}
