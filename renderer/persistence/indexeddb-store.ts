// The KeyValueStore on IndexedDB (one database, one object store). Exercised by the browser e2e
// tests; the logic above it is unit-tested with createMemoryStore().
import type { KeyValueStore } from './key-value.ts';

const STORE = 'kv';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function createIndexedDbStore(dbName = 'backprop-studio', factory: IDBFactory = indexedDB): KeyValueStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise((resolve, reject) => {
      const req = factory.open(dbName, 1);
      req.onupgradeneeded = () => { req.result.createObjectStore(STORE); };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => { db = null; reject(req.error ?? new Error('IndexedDB is not available')); };
    });
    return db;
  };
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const store = (await open()).transaction(STORE, mode).objectStore(STORE);
    return request(fn(store));
  };
  return {
    get: (key) => run('readonly', (s) => s.get(key)),
    set: async (key, value) => { await run('readwrite', (s) => s.put(value, key)); },
    delete: async (key) => { await run('readwrite', (s) => s.delete(key)); },
    keys: async () => (await run('readonly', (s) => s.getAllKeys())).filter((k): k is string => typeof k === 'string'),
  };
}
