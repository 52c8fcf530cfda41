// Which tabs are still open, told by Web Locks: each tab holds a lock named after its crash copy
// for as long as it lives, and the browser releases it when the tab closes or crashes. A copy
// whose lock can be taken belongs to no open tab. The memory version stands in for tests.

export interface TabLocks {
  /**
   * Takes the lock `name` if no tab holds it and keeps it until release() or until this tab goes
   * away; resolves to release, or null when another tab holds it.
   */
  tryHold(name: string): Promise<(() => void) | null>;
}

/** The Web Locks API (navigator.locks), in every current browser but only in secure contexts (https, localhost). */
export function createWebLocks(locks: LockManager | undefined = globalThis.navigator?.locks): TabLocks {
  // Without it nothing tells an open tab from a closed one: every copy looks orphaned, as
  // before per-tab copies existed (a plain-http page on a LAN address is the case).
  if (locks === undefined) return { tryHold: async () => () => undefined };
  return {
    tryHold: (name) => new Promise((resolve, reject) => {
      locks.request(name, { ifAvailable: true }, (lock) => {
        if (lock === null) {
          resolve(null);
          return undefined;
        }
        // The lock lasts as long as this promise is pending.
        return new Promise<void>((release) => resolve(() => release()));
      }).catch(reject);
    }),
  };
}

/** Locks shared by the simulated tabs of one test; close() is a tab closing or crashing. */
export function createMemoryLocks(): { tab(): TabLocks & { close(): void } } {
  const held = new Map<string, symbol>();
  return {
    tab() {
      const me = Symbol('tab');
      return {
        async tryHold(name) {
          if (held.has(name)) return null;
          held.set(name, me);
          return () => { if (held.get(name) === me) held.delete(name); };
        },
        close() {
          for (const [name, owner] of held) if (owner === me) held.delete(name);
        },
      };
    },
  };
}
