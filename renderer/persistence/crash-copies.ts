// Browser crash copies, one per tab: the tab's document is kept under `autosave:<id>` and the tab
// holds the Web Lock of that name for its whole life. A copy whose lock nobody holds is an orphan
// (its tab closed or crashed with unsaved work); a tab offers only orphans, holding their locks
// while it does, so no open tab's copy is ever offered or deleted elsewhere, and no copy is
// offered by two tabs at once.
import type { Graph } from '../../engine/index.ts';
import { readGraphText } from '../../app/common/graph-document.ts';
import type { KeyValueStore } from './key-value.ts';
import type { TabLocks } from './tab-locks.ts';

export const COPY_PREFIX = 'autosave:';
/** The single slot every tab shared before per-tab copies; read as one more orphan. */
export const LEGACY_KEY = 'autosave';

export const lockNameOf = (key: string): string => `backprop-studio ${key}`;

export interface AutosaveRecord {
  readonly text: string;
  readonly name: string;
  readonly savedAt: number;
}

/** What the restore banner lists: one orphaned copy, and why it cannot be restored, if it cannot. */
export interface RestoreOffer {
  readonly key: string;
  readonly name: string;
  readonly savedAt: number | null;
  readonly problem: string | null;
}

/** Restore or discard one copy, or leave them all for a later tab. */
export type RestoreChoice = { readonly action: 'restore' | 'discard'; readonly key: string } | { readonly action: 'later' };

export interface OrphanedCopy {
  readonly offer: RestoreOffer;
  /** The graph, when it reads. */
  readonly graph: Graph | null;
  release(): void;
}

interface Slot { readonly key: string; readonly release: () => void }

export function isAutosaveRecord(v: unknown): v is AutosaveRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.text === 'string' && typeof r.name === 'string' && typeof r.savedAt === 'number';
}

const newId = (): string => globalThis.crypto.randomUUID();

export class CrashCopies {
  #own: Promise<Slot> | null = null;

  constructor(private readonly store: KeyValueStore, private readonly locks: TabLocks, private readonly makeId: () => string = newId) {}

  /** This tab's slot, its lock taken before anything is written under its key. */
  #slot(): Promise<Slot> {
    this.#own ??= (async () => {
      for (;;) {
        const key = `${COPY_PREFIX}${this.makeId()}`;
        const release = await this.locks.tryHold(lockNameOf(key));
        if (release !== null) return { key, release };
      }
    })();
    return this.#own;
  }

  async ownKey(): Promise<string> {
    return (await this.#slot()).key;
  }

  async keep(record: AutosaveRecord): Promise<void> {
    await this.store.set((await this.#slot()).key, record);
  }

  /** Drops this tab's copy (saved, discarded, replaced); never another tab's. */
  async forget(): Promise<void> {
    if (this.#own !== null) await this.store.delete((await this.#own).key);
  }

  /** Every copy no open tab holds, oldest first; their locks stay with this tab until released. */
  async claimOrphans(): Promise<OrphanedCopy[]> {
    const own = this.#own === null ? null : (await this.#own).key;
    const keys = (await this.store.keys()).filter((k) => k !== own && (k === LEGACY_KEY || k.startsWith(COPY_PREFIX)));
    const orphans: OrphanedCopy[] = [];
    for (const key of keys) {
      const release = await this.locks.tryHold(lockNameOf(key));
      if (release === null) continue; // an open tab's live work
      const value = await this.store.get(key);
      if (value === undefined) {
        release(); // gone meanwhile
        continue;
      }
      orphans.push({ ...describe(key, value), release });
    }
    return orphans.sort((a, b) => (a.offer.savedAt ?? 0) - (b.offer.savedAt ?? 0));
  }

  async discard(copy: OrphanedCopy): Promise<void> {
    await this.store.delete(copy.offer.key);
    copy.release();
  }

  /** This tab takes the orphan over: its key and lock become the tab's, the tab's old copy goes. */
  async adopt(copy: OrphanedCopy): Promise<void> {
    const previous = this.#own === null ? null : await this.#own;
    this.#own = Promise.resolve({ key: copy.offer.key, release: copy.release });
    if (previous !== null) {
      await this.store.delete(previous.key);
      previous.release();
    }
  }
}

function describe(key: string, value: unknown): { offer: RestoreOffer; graph: Graph | null } {
  if (!isAutosaveRecord(value)) return { offer: { key, name: 'unsaved work', savedAt: null, problem: 'the copy is damaged' }, graph: null };
  const read = readGraphText(value.text, value.name);
  return {
    offer: { key, name: value.name, savedAt: value.savedAt, problem: read.ok ? null : read.message },
    graph: read.ok ? read.graph : null,
  };
}
