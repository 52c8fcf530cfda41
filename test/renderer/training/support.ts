// Shared fixtures: example graphs read from disk, and a worker core driven by a manual scheduler.
import { readFileSync } from 'node:fs';
import { parseGraphFile, type Graph } from '../../../engine/index.ts';
import type { WorkerReply, WorkerRequest } from '../../../renderer/training/protocol.ts';
import { WorkerCore } from '../../../renderer/training/worker-core.ts';

export function example(name: string): Graph {
  return parseGraphFile(readFileSync(new URL(`../../../examples/${name}.bpgraph`, import.meta.url), 'utf8'));
}

export function harness() {
  const replies: WorkerReply[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  // Each reading moves the clock on by 1 ms, so a chunk (which times itself) ends after a fixed number of steps.
  const core = new WorkerCore({ post: (r) => replies.push(r), schedule: (fn) => queue.push(fn), now: () => (clock += 1) });
  return {
    replies, queue,
    send: (r: WorkerRequest) => core.handle(r),
    /** Runs scheduled chunks (each advancing the fake clock) until none is left or `max` ran. */
    drain(max = Infinity, msPerChunk = 60): number {
      let n = 0;
      while (queue.length > 0 && n < max) { clock += msPerChunk; queue.shift()!(); n++; }
      return n;
    },
    of<T extends WorkerReply['type']>(type: T): Extract<WorkerReply, { type: T }>[] {
      return replies.filter((r): r is Extract<WorkerReply, { type: T }> => r.type === type);
    },
  };
}
