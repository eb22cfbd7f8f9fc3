import { FamilyPlanner } from './family-plan';
import { weightedGovernorates } from './governorate-weights';
import { NamePicker } from './name-picker';
import { Random } from './random';
import type {
  BirthRow,
  DeathRow,
  FamilyRecords,
  MarriageRow,
  PersonRow,
  PopulationCounts,
} from './types';

export interface PopulationOptions {
  families: number;
  seed: number;
}

export interface Population {
  births: BirthRow[];
  counts: PopulationCounts;
  deaths: DeathRow[];
  marriages: MarriageRow[];
  persons: PersonRow[];
}

/**
 * Yields the families of a population one at a time. The same seed always yields the same
 * families, and a larger count yields the same first families plus more. The first 14 families
 * cover one governorate each, so every governorate is present; later ones follow population
 * weights.
 */
export function* generateFamilies(options: PopulationOptions): Generator<FamilyRecords> {
  if (!Number.isInteger(options.families) || options.families < 1) {
    throw new RangeError(`families must be a positive integer, got ${options.families}`);
  }

  const random = new Random(options.seed);
  const planner = new FamilyPlanner(random, new NamePicker(random));
  const weighted = weightedGovernorates();
  const all = weighted.map((entry) => entry.governorate);

  for (let index = 0; index < options.families; index += 1) {
    const governorate =
      index < all.length
        ? (all[index] as (typeof all)[number])
        : random.weighted(weighted, (entry) => entry.weight).governorate;

    yield planner.plan({
      governorate,
      refPrefix: `S${options.seed}-F${String(index + 1).padStart(6, '0')}`,
      registrationGovernorates: all,
    });
  }
}

/** Generates a whole population in memory; `writePopulation` streams large ones to files. */
export function generatePopulation(options: PopulationOptions): Population {
  const population: Population = {
    births: [],
    counts: { births: 0, deaths: 0, families: 0, marriages: 0, persons: 0 },
    deaths: [],
    marriages: [],
    persons: [],
  };

  for (const family of generateFamilies(options)) {
    population.persons.push(...family.persons);
    population.marriages.push(...family.marriages);
    population.births.push(...family.births);
    population.deaths.push(...family.deaths);
    population.counts.families += 1;
  }

  population.counts.persons = population.persons.length;
  population.counts.marriages = population.marriages.length;
  population.counts.births = population.births.length;
  population.counts.deaths = population.deaths.length;

  return population;
}
