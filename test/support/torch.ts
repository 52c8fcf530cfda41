// PyTorch float64 as an independent oracle: runs a Python script with JSON in and JSON out.
// Where no Python with torch exists, a test that needs it reports itself skipped with the reason and
// the install command; under CI (env CI set) a missing torch fails the test instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestContext } from 'vitest';

export const TORCH_INSTALL = 'sudo apt-get install python3-torch libopenblas0-pthread';

export type TorchStatus = { readonly python: string } | { readonly missing: string };

/** Prepended to every script: float64 by default, the input as `inp`, and `emit(obj)` for the answer. */
const PRELUDE = `
import json, math, sys
import torch
torch.set_default_dtype(torch.float64)
inp = json.load(sys.stdin)
def _plain(x):
    if isinstance(x, torch.Tensor):
        x = x.detach().tolist()
    if isinstance(x, float) and not math.isfinite(x):
        return repr(x)  # 'nan', 'inf', '-inf': JSON has no such numbers
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    return x
def emit(obj):
    sys.stdout.write(json.dumps(_plain(obj)))
`;

function hasTorch(python: string): boolean {
  const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0;
}

/** The first of $BPS_PYTHON, /usr/bin/python3, python3 that imports torch. */
export function findTorch(env: NodeJS.ProcessEnv = process.env): TorchStatus {
  const candidates = [...new Set([env.BPS_PYTHON, existsSync('/usr/bin/python3') ? '/usr/bin/python3' : undefined, 'python3'])]
    .filter((p): p is string => !!p);
  const python = candidates.find(hasTorch);
  return python ? { python } : { missing: `no Python with torch (tried ${candidates.join(', ')}; BPS_PYTHON chooses one)` };
}

let found: TorchStatus | undefined;

/** findTorch(), looked up once per test file. */
export function torchStatus(): TorchStatus {
  return (found ??= findTorch());
}

/** The Python to use; otherwise skips the test (or fails it under CI) saying why and how to install torch. */
export function requireTorch(ctx: Pick<TestContext, 'skip'>, status: TorchStatus = torchStatus(), env: NodeJS.ProcessEnv = process.env): string {
  if ('python' in status) return status.python;
  const why = `PyTorch oracle unavailable: ${status.missing}. Install it with: ${TORCH_INSTALL}`;
  if (env.CI) throw new Error(`${why} (CI is set, so a missing oracle is a failure)`);
  return ctx.skip(why);
}

const revive = (_key: string, v: unknown): unknown => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);

/** Runs `script` (after the prelude) with `input` as `inp`; returns what it passed to `emit`. */
export function runTorchScript<T>(python: string, script: string, input: unknown): T {
  const r = spawnSync(python, ['-c', `${PRELUDE}\n${script}`], { input: JSON.stringify(input), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`torch script failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout, revive) as T;
}

/** In a test: the oracle's answer, or the test skipped (failed under CI) when torch is missing. */
export function torch<T>(ctx: TestContext, script: string, input: unknown): T {
  return runTorchScript<T>(requireTorch(ctx), script, input);
}

/**
 * One torch run shared by several tests (Python and torch take a second to start): evaluated on the
 * first call, cached after. Each test still skips (or fails under CI) on its own when torch is missing.
 */
export function sharedTorch<T>(script: string, input: () => unknown): (ctx: TestContext) => T {
  let cached: { value: T } | { error: unknown } | undefined;
  return (ctx) => {
    const python = requireTorch(ctx);
    if (!cached) {
      try { cached = { value: runTorchScript<T>(python, script, input()) }; } catch (error) { cached = { error }; }
    }
    if ('error' in cached) throw cached.error;
    return cached.value;
  };
}
