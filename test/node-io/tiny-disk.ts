// A real full disk for tests: a 64 kB tmpfs mounted in a private mount namespace (`unshare -m` as
// root, `unshare -rm` in a user namespace otherwise), so nothing is left mounted when the shell ends.
// Where that is impossible (not Linux, no unshare, no namespaces allowed), `reason` says why and the
// callers fall back to an injected ENOSPC.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TINY_DISK_BYTES = 64 * 1024;

type Support = { readonly ok: true; readonly unshareFlags: string[] } | { readonly ok: false; readonly reason: string };

function probe(): Support {
  if (process.platform !== 'linux') return { ok: false, reason: `tmpfs in a mount namespace needs Linux (this is ${process.platform})` };
  const flags = process.getuid?.() === 0 ? ['-m'] : ['-rm'];
  const dir = mkdtempSync(join(tmpdir(), 'bps-tinydisk-probe-'));
  try {
    const r = spawnSync('unshare', [...flags, 'sh', '-c', `mount -t tmpfs -o size=${TINY_DISK_BYTES} tmpfs "$1"`, 'sh', dir], { encoding: 'utf8' });
    if (r.error) return { ok: false, reason: `unshare is not available (${r.error.message}); install util-linux` };
    if (r.status !== 0) return { ok: false, reason: `cannot mount a tmpfs in a private namespace here: ${r.stderr.trim() || `exit ${r.status}`}` };
    return { ok: true, unshareFlags: flags };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const tinyDisk: Support = probe();

/**
 * Runs `script` (sh) with a fresh 64 kB tmpfs mounted at $DISK; `env` is passed through, and the
 * script sees the folders it names as usual. Only call when tinyDisk.ok.
 */
export function onTinyDisk(disk: string, script: string, env: Record<string, string>): SpawnSyncReturns<string> {
  if (!tinyDisk.ok) throw new Error(tinyDisk.reason);
  const full = `mount -t tmpfs -o size=${TINY_DISK_BYTES} tmpfs "$DISK" || exit 90\n${script}`;
  return spawnSync('unshare', [...tinyDisk.unshareFlags, 'sh', '-c', full], {
    encoding: 'utf8',
    env: { ...process.env, ...env, DISK: disk },
    timeout: 60_000,
  });
}
