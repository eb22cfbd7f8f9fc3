import { governorates, type Governorate } from '@bitaqa/reference-data';

/**
 * Relative sizes of the governorates' populations, in thousands of residents. These are rough
 * estimates, not census data. They put Aleppo, Rural Damascus and Damascus first and Quneitra
 * last, which is the order that matters for a sample.
 */
const POPULATION_THOUSANDS: Record<string, number> = {
  SY01: 2000,
  SY02: 4500,
  SY03: 2900,
  SY04: 1700,
  SY05: 1600,
  SY06: 1000,
  SY07: 1500,
  SY08: 1400,
  SY09: 1200,
  SY10: 800,
  SY11: 900,
  SY12: 1000,
  SY13: 370,
  SY14: 90,
};

export interface WeightedGovernorate {
  governorate: Governorate;
  weight: number;
}

export function weightedGovernorates(): WeightedGovernorate[] {
  return governorates().map((governorate) => ({
    governorate,
    weight: POPULATION_THOUSANDS[governorate.pcode] ?? 0,
  }));
}
