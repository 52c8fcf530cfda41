// ONNX Runtime (onnxruntime-node, a dev dependency whose CPU binary ships inside its npm package) as
// the oracle of the ONNX export. Where it cannot load, a test that needs it is skipped with the reason
// and how to install it; under CI (env CI set) that is a failure instead.
import type { TestContext } from 'vitest';

export const ORT_INSTALL = 'npm install (onnxruntime-node is a devDependency; package.json allowScripts skips its optional GPU download)';

type Ort = typeof import('onnxruntime-node');
let loaded: Promise<Ort | { missing: string }> | undefined;

function load(): Promise<Ort | { missing: string }> {
  return (loaded ??= import('onnxruntime-node').then(
    (m) => ((m as { default?: Ort }).default ?? m),
    (e: unknown) => ({ missing: (e as Error).message.split('\n')[0]! }),
  ));
}

/** ONNX Runtime, or the test is skipped (failed under CI) saying why and how to install it. */
export async function requireOrt(ctx: Pick<TestContext, 'skip'>, env: NodeJS.ProcessEnv = process.env): Promise<Ort> {
  const ort = await load();
  if (!('missing' in ort)) return ort;
  const why = `ONNX Runtime unavailable: ${ort.missing}. Install it with: ${ORT_INSTALL}`;
  if (env.CI) throw new Error(`${why} (CI is set, so a missing runtime is a failure)`);
  return ctx.skip(why);
}

/** Runs an ONNX model on named [batch, features] inputs; every output as plain numbers. */
export async function runOnnx(ort: Ort, model: Uint8Array, inputs: ReadonlyMap<string, { shape: number[]; data: number[] }>, dtype: 'float64' | 'float32'): Promise<Record<string, number[]>> {
  const session = await ort.InferenceSession.create(model);
  const feeds: Record<string, InstanceType<Ort['Tensor']>> = {};
  for (const name of session.inputNames) {
    const v = inputs.get(name);
    if (!v) throw new Error(`no value for the graph input "${name}"`);
    feeds[name] = new ort.Tensor(dtype, dtype === 'float64' ? Float64Array.from(v.data) : Float32Array.from(v.data), v.shape);
  }
  const out = await session.run(feeds);
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, Array.from(t.data as Float64Array | Float32Array)]));
}
