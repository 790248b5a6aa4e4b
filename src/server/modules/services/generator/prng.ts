// A small seeded PRNG (mulberry32) and the draws the generator needs. Everything the generator
// produces comes from here, so the same seed gives the same data, identifiers included.

/** mulberry32: 32-bit state, fast, good enough for synthetic data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: a stable 32-bit seed for a named sub-stream (e.g. one commune's officials). */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = `${part}\u0000`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private readonly draw: () => number;
  constructor(seed: number) {
    this.draw = mulberry32(seed);
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.draw();
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.draw() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + this.draw() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.draw() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.draw() * items.length)]!;
  }

  /** standard normal (Box–Muller) */
  normal(): number {
    const u = 1 - this.draw();
    const v = this.draw();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exponential with the given mean */
  exp(mean: number): number {
    return -Math.log(1 - this.draw()) * mean;
  }

  /** log-normal with the given median and shape */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** a digit string of the given length */
  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += Math.floor(this.draw() * 10);
    return s;
  }

  /** a version-4 UUID whose bits come from this stream (reproducible, unlike crypto.randomUUID) */
  uuid(): string {
    const b: number[] = [];
    for (let i = 0; i < 4; i++) {
      const x = Math.floor(this.draw() * 4294967296);
      b.push((x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255);
    }
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.map((x) => HEX[x]!);
    return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10, 16).join('')}`;
  }
}

/** Weighted choice by binary search over cumulative weights. */
export class Weighted<T> {
  private readonly cumulative: number[];
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new RangeError('weighted: bad input');
    let sum = 0;
    this.cumulative = weights.map((w) => {
      if (!(w >= 0)) throw new RangeError('weighted: negative weight');
      sum += w;
      return sum;
    });
    if (!(sum > 0)) throw new RangeError('weighted: all weights are zero');
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder; deterministic). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const j = order[k]![1];
    parts[j] = parts[j]! + 1;
  }
  return parts;
}
