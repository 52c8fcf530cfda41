// Seeded numbers for tests, independent of the engine's own RNG so a bug there cannot hide here.
export function testRng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

/** n numbers uniform in [lo, hi). */
export function uniform(rng: () => number, n: number, lo = -1, hi = 1): number[] {
  return Array.from({ length: n }, () => lo + (hi - lo) * rng());
}

/** n numbers in ±[lo, hi]: bounded away from 0 (keeps ReLU off its kink). */
export function awayFromZero(rng: () => number, n: number, lo = 0.2, hi = 1.5): number[] {
  return uniform(rng, n, lo, hi).map((v) => (rng() < 0.5 ? -v : v));
}

/** One-hot rows [batch, classes]. */
export function oneHot(rng: () => number, batch: number, classes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < batch; i++) {
    const c = Math.floor(rng() * classes);
    for (let j = 0; j < classes; j++) out.push(j === c ? 1 : 0);
  }
  return out;
}
