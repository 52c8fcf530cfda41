// One timing protocol for every peer: warm-up steps, then as many steps as fit a wall-clock window.
export interface TimeRequest {
  readonly workload: string;
  readonly warmupSteps: number;
  readonly windowMs: number;
  /** Run at least this many timed steps even when they overrun the window. */
  readonly minSteps: number;
}

export interface TimeResult {
  readonly steps: number;
  readonly ms: number;
  /**
   * CPU time (user + system) of the process over the same steps. On a machine shared with other work it
   * stays near what the steps cost while wall time stretches with the load.
   */
  readonly cpuMs: number;
}

export function timeSteps(step: () => void, req: TimeRequest): TimeResult {
  for (let i = 0; i < req.warmupSteps; i++) step();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let steps = 0, now = t0;
  do {
    step();
    steps++;
    now = performance.now();
  } while (now - t0 < req.windowMs || steps < req.minSteps);
  const cpu = process.cpuUsage(cpu0);
  return { steps, ms: now - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
