// A progress line on stderr for long commands, redrawn at most every PROGRESS_MS and only on a terminal:
// piped output and tests stay calm.
import type { CliIo } from './io.ts';

const PROGRESS_MS = 100;

/** `report(done, total)` redraws "label: done/total unit (pct %)"; `end()` clears the line. */
export function progressLine(io: CliIo, label: string, unit: string): { report: (done: number, total: number) => void; end: () => void } {
  if (!io.isTTY) return { report: () => {}, end: () => {} };
  let last = -Infinity, width = 0;
  return {
    report(done, total) {
      const now = performance.now();
      if (done < total && now - last < PROGRESS_MS) return;
      last = now;
      const line = `${label}: ${done}/${total} ${unit} (${Math.floor((100 * done) / Math.max(1, total))} %)`;
      width = Math.max(width, line.length);
      io.stderr(`\r${line}`);
    },
    end() {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`); // blank the line: the result follows on stdout
    },
  };
}
