import type { Collection, Storage } from "../storage/storage.js";

/**
 * Wraps a {@link Storage} so that every failed operation is reported to `onError` (for the
 * storage-errors metric) before the error goes on to the caller unchanged.
 */
export function instrumentStorage(storage: Storage, onError: (operation: string) => void): Storage {
  // A rejection handler on the operation's own promise: no extra async frame on every read and write.
  const watch = <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    const failed = (error: unknown): never => {
      onError(operation);
      throw error;
    };
    try {
      return run().catch(failed);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error))).catch(failed);
    }
  };
  return {
    kind: storage.kind,
    collection<T>(namespace: string): Collection<T> {
      const inner = storage.collection<T>(namespace);
      return {
        get: (id) => watch("get", () => inner.get(id)),
        set: (id, value, ttlMs) => watch("set", () => inner.set(id, value, ttlMs)),
        delete: (id) => watch("delete", () => inner.delete(id)),
      };
    },
    increment: (counter, by) => watch("increment", () => storage.increment(counter, by)),
    readCounter: (counter) => watch("readCounter", () => storage.readCounter(counter)),
    indexAdd: (index, member, score) => watch("indexAdd", () => storage.indexAdd(index, member, score)),
    indexRemove: (index, member) => watch("indexRemove", () => storage.indexRemove(index, member)),
    indexRange: (index, min, max, limit) => watch("indexRange", () => storage.indexRange(index, min, max, limit)),
    indexScore: (index, member) => watch("indexScore", () => storage.indexScore(index, member)),
    indexSize: (index) => watch("indexSize", () => storage.indexSize(index)),
    claim: (key, ttlMs) => watch("claim", () => storage.claim(key, ttlMs)),
    // Only the lock itself is watched: an error thrown by the task is the task's, not storage's.
    withLock: (key, task, waitMs) => storage.withLock(key, task, waitMs),
    flush: () => watch("flush", () => storage.flush()),
    compact: () => watch("compact", () => storage.compact()),
    ping: async () => {
      const ok = await storage.ping();
      if (!ok) onError("ping");
      return ok;
    },
    close: () => storage.close(),
  };
}
