// The TensorFlow.js peers live in their own package (bench/peers/package.json), installed on the first
// `npm run bench` instead of with the app: they are 286 MB that nothing but this benchmark uses.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MlpSpec } from '../graphs.ts';

export type TfBackend = 'cpu' | 'wasm';
export interface BackendInfo { readonly backend: string; readonly simd?: boolean; readonly threads?: boolean; readonly threadCount?: number }
export interface TfModel { step(): number; dispose(): void }
/** What `tfjs-peer.ts` exports; typed here so the app's typecheck does not need tfjs installed. */
export interface TfPeer {
  useBackend(name: TfBackend): Promise<BackendInfo>;
  tfMlp(spec: MlpSpec, learningRate?: number): TfModel;
}

const folder = fileURLToPath(new URL('.', import.meta.url));

export async function loadTfPeer(): Promise<TfPeer> {
  if (!existsSync(`${folder}node_modules/@tensorflow/tfjs/package.json`)) {
    console.error('bench: installing the TensorFlow.js peers into bench/peers (once, ~290 MB)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`could not install bench/peers (npm ci exited ${r.status}): run it there by hand to see why`);
  }
  // A computed specifier keeps tfjs out of the typecheck of everything else.
  const peer = './tfjs-peer.ts';
  return (await import(peer)) as TfPeer;
}
