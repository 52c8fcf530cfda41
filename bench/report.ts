// What `npm run bench` prints, as pure functions of the timings (tested in test/bench/report.test.ts):
// one line per peer and workload, one per ratio, and a last line gathering the ratios. Timings are ms
// per step, one sample per round; peers timed back to back in a round saw the same load, so a ratio is
// the median of per-round ratios (with the ratio of best rounds alongside). CPU time per step rides
// along: on a shared machine wall time stretches with the load, CPU time much less.
import { median } from './timing.ts';

/** `${peer}/${workload}` → ms per step, one entry per round. */
export type Samples = ReadonlyMap<string, readonly number[]>;

export interface PeerLine {
  readonly peer: string; readonly workload: string; readonly steps_per_s: number; readonly ms_per_step: number;
  /** The process's CPU time per step (median round): what a step costs, whatever else the machine runs. */
  readonly cpu_ms_per_step?: number;
}
export interface AbsentLine { readonly peer: string; readonly absent: string }
export interface RatioLine {
  readonly ratio: string;
  readonly workload: string;
  /** Median over rounds of (their ms / our ms): how many times faster the numerator is. */
  readonly value: number;
  readonly of_best: number;
  /** The same median of per-round ratios on CPU time per step, when both peers report it. */
  readonly cpu_value?: number;
  readonly target?: number;
  readonly met?: boolean;
}
/** The numerator peer over the denominator peer, with targets per workload (issue 14's figures). */
export interface RatioSpec { readonly of: string; readonly over: string; readonly targets?: Readonly<Record<string, number>> }

/** Rounds to significant digits: the noise here is a few percent, more digits would be noise. */
export function sig(v: number, digits = 4): number {
  return Number(v.toPrecision(digits));
}

export const sampleKey = (peer: string, workload: string): string => `${peer}/${workload}`;

export function peerLine(peer: string, workload: string, msPerStep: readonly number[], cpuMsPerStep?: readonly number[]): PeerLine {
  const ms = median(msPerStep);
  return { peer, workload, steps_per_s: sig(1000 / ms), ms_per_step: sig(ms), ...(cpuMsPerStep?.length ? { cpu_ms_per_step: sig(median(cpuMsPerStep)) } : {}) };
}

/** Median over rounds of (their ms / our ms). */
function roundRatio(mine: readonly number[], theirs: readonly number[]): number {
  return median(mine.map((ms, round) => theirs[round]! / ms));
}

export function absentLine(peer: string, reason: string): AbsentLine {
  return { peer, absent: reason };
}

/**
 * One ratio line per spec and workload whose two peers both have samples (an absent peer has none);
 * with `cpuSamples` (CPU ms per step, same keys) also the ratio on CPU time.
 */
export function ratioLines(samples: Samples, workloads: readonly string[], specs: readonly RatioSpec[], cpuSamples?: Samples): RatioLine[] {
  const out: RatioLine[] = [];
  for (const name of workloads) {
    for (const { of, over, targets } of specs) {
      const mine = samples.get(sampleKey(of, name)), theirs = samples.get(sampleKey(over, name));
      if (!mine?.length || !theirs?.length) continue;
      if (mine.length !== theirs.length) throw new Error(`${of} and ${over} on ${name}: ${mine.length} and ${theirs.length} rounds`);
      const value = roundRatio(mine, theirs);
      const ofBest = Math.min(...theirs) / Math.min(...mine);
      const target = targets?.[name];
      const cpuMine = cpuSamples?.get(sampleKey(of, name)), cpuTheirs = cpuSamples?.get(sampleKey(over, name));
      const cpu = cpuMine?.length === mine.length && cpuTheirs?.length === theirs.length ? roundRatio(cpuMine, cpuTheirs) : undefined;
      out.push({
        ratio: `${of}/${over}`, workload: name, value: sig(value, 3), of_best: sig(ofBest, 3),
        ...(cpu !== undefined ? { cpu_value: sig(cpu, 3) } : {}),
        ...(target !== undefined ? { target, met: value >= target } : {}),
      });
    }
  }
  return out;
}

export interface SummaryLine {
  readonly ratios: Record<string, Record<string, number>>;
  readonly cpu_ratios?: Record<string, Record<string, number>>;
  readonly load: number[];
}

/** The last line: every ratio's value by ratio and workload (and on CPU time), and the load average at the end. */
export function summaryLine(lines: readonly RatioLine[], load: readonly number[]): SummaryLine {
  const ratios: Record<string, Record<string, number>> = {}, cpu: Record<string, Record<string, number>> = {};
  for (const l of lines) {
    (ratios[l.ratio] ??= {})[l.workload] = l.value;
    if (l.cpu_value !== undefined) (cpu[l.ratio] ??= {})[l.workload] = l.cpu_value;
  }
  return { ratios, ...(Object.keys(cpu).length ? { cpu_ratios: cpu } : {}), load: load.map((v) => sig(v, 3)) };
}
