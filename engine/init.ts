// Seeded parameter initialisation. Each parameter draws from its own stream, seeded by the graph seed,
// node id and parameter name, so adding a node never changes the initial values of the others.
// What a node starts with is its module's choice (`initParams`); `initialParams` is the one entry point.
import type { ModuleDef } from './modules/types.ts';
import { sizeOf, zeros, type Shape, type Tensor } from './tensor.ts';

export const initSchemes = ['xavier', 'he', 'zeros', 'normal'] as const;
export type InitScheme = (typeof initSchemes)[number];

/** mulberry32: tiny, fast and good enough for initialisation and shuffling. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the text, mixed with the seed. */
export function hashSeed(seed: number, ...parts: string[]): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function gaussian(rng: () => number): number {
  // Box–Muller; 1 − u keeps the log away from 0.
  const u = 1 - rng(), v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Standard deviation of the `normal` scheme. */
export const NORMAL_INIT_STD = 0.1;

/**
 * Weights [out, in]: xavier ~ U(±√(6/(in+out))), he ~ N(0, 2/in), normal ~ N(0, 0.1²), zeros.
 * Biases (1-D) start at zero under every scheme.
 */
export function initParam(scheme: InitScheme, shape: Shape, seed: number, nodeId: string, name: string): Tensor {
  const data = new Float64Array(sizeOf(shape));
  if (shape.length === 2 && scheme !== 'zeros') {
    const [fanOut, fanIn] = shape as [number, number];
    const rng = createRng(hashSeed(seed, nodeId, name));
    for (let i = 0; i < data.length; i++) {
      if (scheme === 'xavier') data[i] = (2 * rng() - 1) * Math.sqrt(6 / (fanIn + fanOut));
      else if (scheme === 'he') data[i] = gaussian(rng) * Math.sqrt(2 / fanIn);
      else data[i] = gaussian(rng) * NORMAL_INIT_STD;
    }
  }
  return { shape: [...shape], data };
}

/**
 * A node's fresh parameters, as its module draws them (`ModuleDef.initParams`; zeros where it draws
 * none). The engine's parameter store, the canvas's new nodes and "re-initialise" all come through here.
 */
export function initialParams<C>(def: ModuleDef<C>, config: C, seed: number, nodeId: string): Record<string, Tensor> {
  const drawn = def.initParams?.(config, { seed, nodeId });
  const out: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(def.paramShapes(config))) out[name] = drawn?.[name] ?? zeros(shape);
  return out;
}
