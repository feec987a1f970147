/**
 * The storage contract every part of Viche writes through. Key-value data (`collection`) is kept
 * in keyv's stored form, so keyv can read it; that and the few operations keyv lacks (atomic
 * counters, ordered indexes, set-if-absent, cross-process locks) go through the backing store's
 * own client behind the same interface.
 *
 * Two implementations exist: SQLite (embedded default, one process) and Redis (production,
 * several processes). Both pass the same contract tests.
 */

/** A typed namespace of JSON values, e.g. residents by key or reports by reference. */
export interface Collection<T> {
  get(id: string): Promise<T | undefined>;
  /** Stores `value`; with `ttlMs` it expires after that many milliseconds. */
  set(id: string, value: T, ttlMs?: number): Promise<void>;
  /** Removes the value; true when something was there. */
  delete(id: string): Promise<boolean>;
}

/** Everything Viche needs from a store. Obtain one with `openStorage(url)`. */
export interface Storage {
  /** Which backend this is, for logs and the health check. */
  readonly kind: "sqlite" | "redis";
  /** A keyv-backed namespace. Namespaces never see each other's keys. */
  collection<T>(namespace: string): Collection<T>;
  /** Atomically adds `by` (default 1) to a named counter and returns the new value. */
  increment(counter: string, by?: number): Promise<number>;
  /** Reads a counter without changing it (0 when it was never incremented). */
  readCounter(counter: string): Promise<number>;
  /** Adds or re-scores `member` in an ordered index (a sorted set). */
  indexAdd(index: string, member: string, score: number): Promise<void>;
  /** Removes `member` from an index; true when it was there. */
  indexRemove(index: string, member: string): Promise<boolean>;
  /** Members with `min <= score <= max`, lowest score first, at most `limit`. */
  indexRange(index: string, min: number, max: number, limit?: number): Promise<string[]>;
  /** The score of `member`, or undefined when it is not in the index. */
  indexScore(index: string, member: string): Promise<number | undefined>;
  /** How many members the index holds. */
  indexSize(index: string): Promise<number>;
  /**
   * Stores `key` only when it is absent, atomically across processes; true when this call stored
   * it. Used to process each incoming update once.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Runs `task` while holding a lock named `key`, shared by every process on the same store, so
   * that one resident's events are handled one at a time. Waits for the lock up to `waitMs`
   * (default 10 s) and then throws.
   */
  withLock<T>(key: string, task: () => Promise<T>, waitMs?: number): Promise<T>;
  /**
   * Makes every write so far durable before returning. Stores may group writes (SQLite commits once
   * per turn of the event loop); call this before telling a platform an update was accepted.
   */
  flush(): Promise<void>;
  /**
   * Makes deleted and overwritten values unrecoverable from the store's own files where it can
   * (SQLite: commits and checkpoints the WAL, truncating it; deleted content is zeroed as it is freed).
   * Called after /forget.
   */
  compact(): Promise<void>;
  /** True when the store answers right now. Never throws; used by /healthz. */
  ping(): Promise<boolean>;
  /** Closes connections and files. The storage cannot be used afterwards. */
  close(): Promise<void>;
}
