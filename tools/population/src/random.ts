/**
 * Seeded pseudo-random numbers (the sfc32 generator), so the same seed always yields the same
 * population. Not for anything secret.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Discard the first outputs, which still resemble the seed.
    for (let round = 0; round < 15; round += 1) this.next();
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.d = (this.d + 1) | 0;

    const t = (((this.a + this.b) | 0) + this.d) | 0;

    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;

    return (t >>> 0) / 4294967296;
  }

  /** Returns an integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');

    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let remaining = this.next() * total;

    for (const item of items) {
      remaining -= weight(item);
      if (remaining < 0) return item;
    }

    return items[items.length - 1] as T;
  }
}
