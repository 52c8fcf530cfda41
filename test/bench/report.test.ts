// What `npm run bench` prints: the line formats, the per-round ratio rule and the last (summary) line,
// from made-up timings; and the torch peer's "absent" answer when no Python can run it.
import { describe, expect, it } from 'vitest';
import { absentLine, peerLine, ratioLines, sampleKey, summaryLine } from '../../bench/report.ts';
import { startTorchPeer } from '../../bench/peers/torch.ts';

describe('bench report', () => {
  it('a peer line is the median round as steps/s and ms/step', () => {
    expect(peerLine('torch-1t', 'mid', [2, 1.5, 100, 1.6, 1.4])).toEqual({ peer: 'torch-1t', workload: 'mid', steps_per_s: 625, ms_per_step: 1.6 });
    expect(Object.keys(peerLine('engine', 'toy', [1]))).toEqual(['peer', 'workload', 'steps_per_s', 'ms_per_step']);
    expect(peerLine('engine', 'toy', [4, 8, 6], [1, 3, 2]).cpu_ms_per_step).toBe(2);
  });

  it('with CPU times, a ratio line also carries the ratio on CPU time, and the last line gathers those too', () => {
    const wall = new Map([[sampleKey('engine', 'mid'), [10, 30, 20]], [sampleKey('torch-1t', 'mid'), [2, 6, 4]]]);
    const cpu = new Map([[sampleKey('engine', 'mid'), [8, 8, 8]], [sampleKey('torch-1t', 'mid'), [2, 2, 2]]]);
    const lines = ratioLines(wall, ['mid'], [{ of: 'engine', over: 'torch-1t' }], cpu);
    expect(lines).toEqual([{ ratio: 'engine/torch-1t', workload: 'mid', value: 0.2, of_best: 0.2, cpu_value: 0.25 }]);
    expect(summaryLine(lines, [1, 1, 1])).toEqual({ ratios: { 'engine/torch-1t': { mid: 0.2 } }, cpu_ratios: { 'engine/torch-1t': { mid: 0.25 } }, load: [1, 1, 1] });
  });

  it('a ratio is the median of per-round ratios (their ms / ours), with the ratio of best rounds and the target', () => {
    const samples = new Map([
      // Round 2 is slow for both (load): per-round ratios 2, 2, 2.5 → 2; best rounds 2 / 1 → 2.
      [sampleKey('engine', 'mid'), [1, 1, 4]],
      [sampleKey('torch-1t', 'mid'), [2, 2, 10]],
      [sampleKey('engine', 'toy'), [1, 2, 1]],
      [sampleKey('torch-1t', 'toy'), [3, 3, 3]],
    ]);
    const lines = ratioLines(samples, ['toy', 'mid'], [{ of: 'engine', over: 'torch-1t', targets: { toy: 5, mid: 0.2 } }]);
    expect(lines).toEqual([
      { ratio: 'engine/torch-1t', workload: 'toy', value: 3, of_best: 3, target: 5, met: false },
      { ratio: 'engine/torch-1t', workload: 'mid', value: 2, of_best: 2, target: 0.2, met: true },
    ]);
  });

  it('a peer without samples (absent) gets no ratio; a ratio without a target carries none', () => {
    const samples = new Map([[sampleKey('engine', 'toy'), [1]], [sampleKey('tfjs-cpu', 'toy'), [4]]]);
    const lines = ratioLines(samples, ['toy'], [{ of: 'engine', over: 'torch-1t' }, { of: 'engine', over: 'tfjs-cpu' }]);
    expect(lines).toEqual([{ ratio: 'engine/tfjs-cpu', workload: 'toy', value: 4, of_best: 4 }]);
  });

  it('the last line gathers every ratio by name and workload, with the load average', () => {
    const lines = ratioLines(
      new Map([[sampleKey('engine', 'toy'), [1]], [sampleKey('a', 'toy'), [2]], [sampleKey('engine', 'mid'), [2]], [sampleKey('a', 'mid'), [1]]]),
      ['toy', 'mid'], [{ of: 'engine', over: 'a' }],
    );
    expect(summaryLine(lines, [3.14159, 2, 1])).toEqual({ ratios: { 'engine/a': { toy: 2, mid: 0.5 } }, load: [3.14, 2, 1] });
  });

  it('an absent peer is one line saying why', () => {
    expect(absentLine('torch-1t', 'no torch')).toEqual({ peer: 'torch-1t', absent: 'no torch' });
  });

  it('the torch peer is absent, with each candidate\'s reason, when no candidate Python starts', async () => {
    const r = await startTorchPeer(['/nonexistent/python3-a', '/nonexistent/python3-b']);
    expect('absent' in r).toBe(true);
    const why = (r as { absent: string }).absent;
    expect(why).toMatch(/\/nonexistent\/python3-a could not start: .*ENOENT/);
    expect(why).toMatch(/\/nonexistent\/python3-b could not start/);
  });
});
