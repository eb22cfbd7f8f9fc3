import { arabicName, governorateCode } from '@bitaqa/contracts';
import { findDivision, governorates } from '@bitaqa/reference-data';

import { addYears } from './dates';
import { CUTOFF_DATE } from './family-plan';
import { generatePopulation } from './generate-population';

describe('generatePopulation', () => {
  const population = generatePopulation({ families: 300, seed: 7 });
  const persons = new Map(population.persons.map((person) => [person.externalRef, person]));

  it('same seed, same population', () => {
    expect(generatePopulation({ families: 300, seed: 7 })).toEqual(population);
  });

  it('other seed, other population', () => {
    const other = generatePopulation({ families: 300, seed: 8 });

    expect(
      other.persons[0]?.givenNameAr === population.persons[0]?.givenNameAr &&
        other.persons[0]?.birthDate === population.persons[0]?.birthDate,
    ).toBe(false);
  });

  it('more families keep the first ones', () => {
    const smaller = generatePopulation({ families: 100, seed: 7 });

    expect(population.persons.slice(0, smaller.persons.length)).toEqual(smaller.persons);
  });

  it('every governorate present', () => {
    const present = new Set(population.persons.map((person) => person.registrationGovernorate));

    for (const governorate of governorates()) expect(present).toContain(governorate.pcode);
  });

  it('larger governorates weigh more', () => {
    const heads = population.persons.filter((person) => person.externalRef.endsWith('-H'));
    const count = (pcode: string): number =>
      heads.filter((head) => head.registrationGovernorate === pcode).length;

    expect(count('SY02')).toBeGreaterThan(count('SY14'));
    expect(count('SY03')).toBeGreaterThan(count('SY13'));
  });

  it('counts per family', () => {
    expect(population.counts.families).toBe(300);
    expect(population.counts.marriages).toBeGreaterThanOrEqual(300);
    expect(population.counts.marriages).toBeLessThan(300 * 1.3);
    expect(population.counts.births / 300).toBeGreaterThan(2);
    expect(population.counts.births / 300).toBeLessThan(4.5);
    expect(population.counts.persons).toBe(population.persons.length);
  });

  it('external refs unique', () => {
    const refs = [
      ...population.persons.map((person) => person.externalRef),
      ...population.births.map((birth) => birth.externalRef),
    ];

    expect(new Set(refs).size).toBe(refs.length);
  });

  it('person rows pass contract schemas', () => {
    for (const person of population.persons) {
      expect(arabicName.safeParse(person.givenNameAr).success).toBe(true);
      expect(arabicName.safeParse(person.motherNameAr).success).toBe(true);
      expect(governorateCode.safeParse(person.registrationGovernorate).success).toBe(true);
      expect(findDivision(person.birthPlace)).toBeDefined();
      expect(person.birthDate >= '1950-01-01').toBe(true);
      expect(person.birthDate <= '2000-12-31').toBe(true);
    }
  });

  it('marriages join a man and a woman of age', () => {
    for (const marriage of population.marriages) {
      const husband = persons.get(marriage.husbandRef);
      const wife = persons.get(marriage.wifeRef);

      expect(husband?.sex).toBe('M');
      expect(wife?.sex).toBe('F');
      expect(addYears(husband?.birthDate ?? '', 18) <= marriage.date).toBe(true);
      expect(addYears(wife?.birthDate ?? '', 18) <= marriage.date).toBe(true);
      expect(
        addYears(husband?.birthDate ?? '', 36) > marriage.date || marriage.wifeRef.endsWith('W2'),
      ).toBe(true);
      expect(marriage.date < CUTOFF_DATE).toBe(true);
    }
  });

  it('children follow the marriage', () => {
    const marriageOf = new Map(
      population.marriages.map((marriage) => [marriage.wifeRef, marriage]),
    );

    for (const birth of population.births) {
      const marriage = marriageOf.get(birth.motherRef);
      const father = persons.get(birth.fatherRef);

      expect(marriage?.husbandRef).toBe(birth.fatherRef);
      expect(birth.birthDate > (marriage?.date ?? '')).toBe(true);
      expect(birth.birthDate < CUTOFF_DATE).toBe(true);
      expect(findDivision(birth.birthPlace)?.pcode.slice(0, 4)).toBe(
        father?.registrationGovernorate,
      );
    }
  });

  it('siblings have distinct names', () => {
    const namesByFather = new Map<string, string[]>();

    for (const birth of population.births) {
      namesByFather.set(birth.fatherRef, [
        ...(namesByFather.get(birth.fatherRef) ?? []),
        birth.givenNameAr,
      ]);
    }
    for (const names of namesByFather.values()) expect(new Set(names).size).toBe(names.length);
  });

  it('deaths follow the last event', () => {
    for (const death of population.deaths) {
      const events = [
        ...population.births
          .filter((birth) => birth.fatherRef === death.ref || birth.motherRef === death.ref)
          .map((birth) => birth.birthDate),
        ...population.marriages
          .filter((marriage) => marriage.husbandRef === death.ref || marriage.wifeRef === death.ref)
          .map((marriage) => marriage.date),
      ];

      expect(persons.has(death.ref)).toBe(true);
      for (const date of events) expect(death.dateOfDeath > date).toBe(true);
      expect(death.dateOfDeath < CUTOFF_DATE).toBe(true);
    }
  });

  it('about two percent die', () => {
    const share = population.counts.deaths / population.counts.persons;

    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.05);
  });

  it('invalid family count', () => {
    expect(() => generatePopulation({ families: 0, seed: 1 })).toThrow(RangeError);
  });
});
