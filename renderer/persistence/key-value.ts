// The tiny storage interface browser mode needs, so its logic is testable without IndexedDB.
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export function createMemoryStore(): KeyValueStore & { readonly entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async (key) => structuredClone(entries.get(key)),
    set: async (key, value) => { entries.set(key, structuredClone(value)); },
    delete: async (key) => { entries.delete(key); },
    keys: async () => [...entries.keys()],
  };
}
