import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Database } from "better-sqlite3";
import { unwrap, wrap } from "./envelope.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { ReadCache } from "./read-cache.js";
import { setUp } from "./sqlite-schema.js";
import type { Collection, Storage } from "./storage.js";

const DEFAULT_WAIT_MS = 10_000;
/** How often expired collection rows and claims are deleted (they are invisible anyway). */
const PURGE_EVERY_MS = 60 * 60_000;
/** Collection values last written, kept in memory (see read-cache.ts): at most this many, and ~8 MB of text. */
const CACHE_LIMITS = { entries: 20_000, chars: 4_000_000 };

/**
 * `Storage` in one SQLite file: collections in the `keyv` table of `SqliteKeyvStore` (in keyv's own
 * stored form, read and written with one prepared statement each, see envelope.ts), plain tables
 * for counters, indexes and claims, and an in-process mutex for `withLock`. For a single process
 * only: a second process on the same file would share the data but not the locks.
 *
 * The file uses WAL with `synchronous = NORMAL`: a commit is in the WAL (in the OS page cache) when
 * the call returns, so it survives kill -9 and any crash of the process; only an OS crash or power
 * cut can lose the last commits before the next checkpoint. FULL (an fsync per commit) would close
 * that window too, but measured in `npm run bench` it cost 1.9× the throughput, with the event loop
 * blocked on the disk for every one of the ~3.5 writes an update makes. Production setups that must
 * survive power loss use Redis with `appendfsync always` or a machine with a battery-backed disk.
 */
export class SqliteStorage implements Storage {
  /** Always "sqlite". */
  readonly kind = "sqlite" as const;
  readonly #db: Database;
  readonly #collections = new Map<string, Collection<unknown>>();
  readonly #locks = new KeyedMutex();
  /** Collection values without an expiry, as this process wrote them, and keys known to be absent. */
  readonly #cache = new ReadCache(CACHE_LIMITS);
  /** Indexes known to be empty (a resident's outbox lane, asked on every answer): "absent" under their name. */
  readonly #emptyIndexes = new ReadCache({ entries: 50_000, chars: 0 });
  readonly #purgeTimer: NodeJS.Timeout;
  #batching = false;
  /** Settles when the transaction of this turn is committed (only meaningful while batching). */
  #committed: Promise<void> = Promise.resolve();
  readonly #sql: ReturnType<typeof setUp>;

  /**
   * Opens (creating when missing, with its parent directory) the database at `path`; ":memory:"
   * gives a private in-memory database.
   */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new BetterSqlite3(path);
    try {
      this.#sql = setUp(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    this.#purge();
    this.#purgeTimer = setInterval(() => this.#purge(), PURGE_EVERY_MS).unref();
  }

  /**
   * A namespace of the `keyv` table, created on first use. The rows are exactly what keyv with
   * `SqliteKeyvStore` reads and writes; keyv itself is left out of the path (measured: its hooks,
   * envelope and serialiser were a tenth of the storage's CPU per update).
   */
  collection<T>(namespace: string): Collection<T> {
    let collection = this.#collections.get(namespace);
    if (!collection) {
      const sql = this.#sql;
      const cache = this.#cache;
      // Only this process writes the file, so what it wrote last is what the file holds. Values with
      // an expiry are not kept: the file alone knows when they are gone.
      const cacheKey = (id: string) => `${namespace}\u0000${id}`;
      collection = {
        get: async (id) => {
          const key = cacheKey(id);
          const known = cache.get(key);
          if (known !== undefined) return known === "absent" ? undefined : unwrap<T>(known.text)?.value;
          const row = sql.kvGet.get(namespace, id, Date.now());
          // A value read is not kept (a scan of every report or resident would only churn the cache);
          // what this process writes is, and so is an absence (a resident outside any flow).
          if (row === undefined) cache.put(key, "absent");
          return row === undefined ? undefined : unwrap<T>(row.value)?.value;
        },
        set: async (id, value, ttlMs) => {
          const expires = ttlMs === undefined ? undefined : Date.now() + checkTtl(ttlMs);
          const text = wrap(value, expires);
          const key = cacheKey(id);
          // The file already holds exactly this (a resident whose press changed nothing): no write.
          const known = cache.get(key);
          if (expires === undefined && known !== undefined && known !== "absent" && known.text === text) return;
          cache.forget(key);
          this.#batch();
          sql.kvSet.run(namespace, id, text, expires ?? null);
          if (expires === undefined) cache.put(key, { text });
        },
        delete: async (id) => {
          const key = cacheKey(id);
          cache.forget(key);
          this.#batch();
          const row = sql.kvDelete.get(namespace, id);
          cache.put(key, "absent");
          return row !== undefined && (row.expires === null || row.expires > Date.now());
        },
      };
      this.#collections.set(namespace, collection);
    }
    return collection as Collection<T>;
  }

  /** Adds `by` (an integer, default 1) to the counter and returns the new value. */
  async increment(counter: string, by = 1): Promise<number> {
    if (!Number.isSafeInteger(by)) throw new RangeError(`increment by must be an integer, got ${by}`);
    this.#batch();
    const row = this.#sql.increment.get(counter, by);
    if (!row) throw new Error(`increment of "${counter}" returned no row`);
    return row.value;
  }

  /** The counter's value, 0 when it was never incremented. */
  async readCounter(counter: string): Promise<number> {
    return this.#sql.readCounter.get(counter)?.value ?? 0;
  }

  /** Adds or re-scores `member`. */
  async indexAdd(index: string, member: string, score: number): Promise<void> {
    this.#emptyIndexes.forget(index);
    this.#batch();
    this.#sql.indexAdd.run(index, member, score);
  }

  /** Removes `member`; true when it was there. */
  async indexRemove(index: string, member: string): Promise<boolean> {
    this.#batch();
    return this.#sql.indexRemove.run(index, member).changes > 0;
  }

  /** Members with min <= score <= max, by score then member (as Redis orders them). */
  async indexRange(index: string, min: number, max: number, limit?: number): Promise<string[]> {
    if (this.#emptyIndexes.get(index)) return [];
    const rows = this.#sql.indexRange.all(index, min, max, limit === undefined ? -1 : Math.max(0, Math.floor(limit)));
    return rows.map((row) => row.member);
  }

  /** The member's score, or undefined. */
  async indexScore(index: string, member: string): Promise<number | undefined> {
    if (this.#emptyIndexes.get(index)) return undefined;
    return this.#sql.indexScore.get(index, member)?.score;
  }

  /** How many members the index holds. */
  async indexSize(index: string): Promise<number> {
    if (this.#emptyIndexes.get(index)) return 0;
    const size = this.#sql.indexSize.get(index)?.size ?? 0;
    if (size === 0) this.#emptyIndexes.put(index, "absent");
    return size;
  }

  /** Stores `key` for `ttlMs` unless a live claim exists; true when this call stored it. */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    this.#batch();
    return this.#sql.claim.run(key, now + checkTtl(ttlMs), now).changes > 0;
  }

  /** Runs `task` alone among this process's tasks locked on `key`. */
  withLock<T>(key: string, task: () => Promise<T>, waitMs = DEFAULT_WAIT_MS): Promise<T> {
    return this.#locks.run(key, task, waitMs);
  }

  /** True when the database answers a query. */
  async ping(): Promise<boolean> {
    try {
      return this.#db.prepare("SELECT 1").pluck().get() === 1;
    } catch {
      return false;
    }
  }

  /**
   * Resolves once the writes grouped so far are committed (see {@link Storage.flush}): at the end
   * of this turn of the event loop, together with every other caller's writes of the same turn.
   * Rejects when that commit fails (its writes are then rolled back, none half-applied).
   */
  async flush(): Promise<void> {
    if (this.#batching) await this.#committed;
  }

  async compact(): Promise<void> {
    this.#commit();
    this.#db.pragma("wal_checkpoint(TRUNCATE)");
  }

  /**
   * Groups the writes made in one turn of the event loop into one transaction, committed at the
   * end of the turn: under load, many residents' updates share one WAL commit instead of paying
   * one each, and so do their flushes (measured: a commit per flush was a tenth of the CPU).
   */
  readonly #batch = (): void => {
    if (this.#batching) return;
    this.#db.exec("BEGIN IMMEDIATE");
    this.#batching = true;
    const committed = new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        try {
          this.#commit();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    // Writers that never flush learn nothing of a failed commit; those that flush are told.
    committed.catch(() => undefined);
    this.#committed = committed;
  };

  #commit(): void {
    if (!this.#batching) return;
    this.#batching = false;
    if (!this.#db.open || !this.#db.inTransaction) return;
    try {
      this.#db.exec("COMMIT");
    } catch (error) {
      // What this turn wrote is undone: so is what the caches learnt from it.
      this.#cache.clear();
      this.#emptyIndexes.clear();
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Closes the database file; pending WAL content is checkpointed by SQLite. */
  async close(): Promise<void> {
    this.#commit();
    clearInterval(this.#purgeTimer);
    this.#collections.clear();
    this.#cache.clear();
    this.#emptyIndexes.clear();
    if (this.#db.open) this.#db.close();
  }

  #purge(): void {
    const now = Date.now();
    this.#batch();
    this.#sql.purgeKeyv.run(now);
    this.#sql.purgeClaims.run(now);
  }
}

/** Ttls are whole positive milliseconds; anything else is a caller's mistake. */
function checkTtl(ttlMs: number): number {
  if (!(ttlMs > 0 && Number.isFinite(ttlMs))) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
