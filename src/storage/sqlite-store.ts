import { EventEmitter } from "node:events";
import type { Database, Statement } from "better-sqlite3";
import type { KeyvStoreAdapter, StoredData } from "keyv";

/** Rows read per query while iterating, so that other queries can run between batches. */
const ITERATOR_BATCH = 100;

interface Row {
  key: string;
  value: string;
}

/**
 * A keyv 5 store adapter over a better-sqlite3 database: one table `keyv` with the columns
 * namespace, key (unique together), value (keyv's serialised string) and expires (epoch
 * milliseconds, NULL for never), plus SQLite's own row id (see {@link SqliteKeyvStore.createTable}).
 *
 * The namespace keyv assigns to the adapter is kept in its own column, so `clear()` and
 * `iterator()` touch exactly one namespace even when namespace names contain ":". Expired rows are
 * invisible to every read; `iterator()` deletes its namespace's, and the owner of the database may
 * purge the rest (`DELETE FROM keyv WHERE expires <= now`). Several adapters may share one database.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  /** Read by keyv: the "sqlite" dialect makes keyv expose `iterator()`. */
  readonly opts: { dialect: "sqlite"; url: string };
  /** Set by keyv to the namespace of the Keyv instance that uses this adapter. */
  namespace?: string | undefined;

  readonly #sql: {
    get: Statement<[string, string, number], Row>;
    set: Statement<[string, string, string, number | null]>;
    delete: Statement<[string, string]>;
    purge: Statement<[string, number]>;
    clear: Statement<[string]>;
    firstPage: Statement<[string, number, number], Row>;
    nextPage: Statement<[string, string, number, number], Row>;
  };

  readonly #beforeWrite: () => void;

  /**
   * Creates the table when missing. `db` stays owned by the caller, who closes it. `beforeWrite`
   * runs before every change (the owner uses it to group writes into one transaction).
   */
  constructor(db: Database, beforeWrite: () => void = () => undefined) {
    super();
    this.#beforeWrite = beforeWrite;
    this.opts = { dialect: "sqlite", url: `sqlite://${db.name}` };
    SqliteKeyvStore.createTable(db);
    const live = "(expires IS NULL OR expires > ?)";
    this.#sql = {
      get: db.prepare<[string, string, number], Row>(`SELECT key, value FROM keyv WHERE namespace = ? AND key = ? AND ${live}`),
      set: db.prepare<[string, string, string, number | null]>(
        `INSERT INTO keyv (namespace, key, value, expires) VALUES (?, ?, ?, ?)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
      ),
      delete: db.prepare<[string, string]>("DELETE FROM keyv WHERE namespace = ? AND key = ?"),
      purge: db.prepare<[string, number]>("DELETE FROM keyv WHERE namespace = ? AND expires <= ?"),
      clear: db.prepare<[string]>("DELETE FROM keyv WHERE namespace = ?"),
      firstPage: db.prepare<[string, number, number], Row>(`SELECT key, value FROM keyv WHERE namespace = ? AND ${live} ORDER BY key LIMIT ?`),
      nextPage: db.prepare<[string, string, number, number], Row>(
        `SELECT key, value FROM keyv WHERE namespace = ? AND key > ? AND ${live} ORDER BY key LIMIT ?`,
      ),
    };
  }

  /**
   * Creates the `keyv` table when missing, and moves a table of the earlier layout (WITHOUT ROWID,
   * keyed by namespace and key) into this one, in one transaction.
   *
   * A plain rowid table with a unique index on (namespace, key): SQLite keeps a WITHOUT ROWID row
   * within its page only up to about a quarter of the page (~1 KB of 4 KB), and a resident's record
   * or a form in progress is often larger, so every write spilled into an overflow page. Here a row
   * stays on its page up to ~4 KB; measured (scripted upserts, 4 KB pages): 1.2–1.5 KB values write
   * in half the CPU and read in half, 400-byte ones 14 % faster.
   */
  static createTable(db: Database): void {
    const existing = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'keyv'").get();
    if (existing && !/WITHOUT\s+ROWID/i.test(existing.sql)) return;
    db.transaction(() => {
      db.exec(`CREATE TABLE keyv_rowid (
        id INTEGER PRIMARY KEY,
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires INTEGER,
        UNIQUE (namespace, key)
      )`);
      if (existing) {
        db.exec("INSERT INTO keyv_rowid (namespace, key, value, expires) SELECT namespace, key, value, expires FROM keyv ORDER BY namespace, key");
        db.exec("DROP TABLE keyv");
      }
      db.exec("ALTER TABLE keyv_rowid RENAME TO keyv");
    })();
  }

  /** The namespace column value: keyv's namespace, or "" for a Keyv without one. */
  get #ns(): string {
    return this.namespace ?? "";
  }

  /** Returns keyv's serialised string, or undefined when absent or expired. */
  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    // keyv serialises before calling the adapter, so what comes back is that string.
    return this.#sql.get.get(this.#ns, key, Date.now())?.value as StoredData<Value> | undefined;
  }

  /** Stores keyv's serialised string; with `ttl` (ms) the row expires after that long. */
  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    if (typeof value !== "string") throw new TypeError("SqliteKeyvStore stores keyv's serialised strings only");
    const expires = typeof ttl === "number" && ttl > 0 ? Date.now() + ttl : null;
    this.#beforeWrite();
    this.#sql.set.run(this.#ns, key, value, expires);
    return true;
  }

  /** Removes the key; true when a live value was there. */
  async delete(key: string): Promise<boolean> {
    const live = this.#sql.get.get(this.#ns, key, Date.now()) !== undefined;
    this.#beforeWrite();
    this.#sql.delete.run(this.#ns, key);
    return live;
  }

  /** Removes every key of the current namespace (and only those). */
  async clear(): Promise<void> {
    this.#beforeWrite();
    this.#sql.clear.run(this.#ns);
  }

  /** True when the key holds a value that has not expired. */
  async has(key: string): Promise<boolean> {
    return this.#sql.get.get(this.#ns, key, Date.now()) !== undefined;
  }

  /** Values for `keys` in the same order, undefined for the absent or expired ones. */
  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    const now = Date.now();
    return keys.map((key) => this.#sql.get.get(this.#ns, key, now)?.value as StoredData<Value | undefined>);
  }

  /** Removes `keys`; true when at least one live value was there. */
  async deleteMany(keys: string[]): Promise<boolean> {
    let deleted = false;
    for (const key of keys) deleted = (await this.delete(key)) || deleted;
    return deleted;
  }

  /**
   * Yields `[key, serialised value]` for the live keys of `namespace` (default: the current one),
   * in key order, after deleting that namespace's expired rows. Reads in batches, so the database
   * stays usable while a caller consumes the iterator.
   */
  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const ns = namespace ?? this.#ns;
    this.#beforeWrite();
    this.#sql.purge.run(ns, Date.now());
    let rows = this.#sql.firstPage.all(ns, Date.now(), ITERATOR_BATCH);
    for (;;) {
      for (const row of rows) yield [row.key, row.value];
      const last = rows.at(-1);
      if (rows.length < ITERATOR_BATCH || last === undefined) return;
      rows = this.#sql.nextPage.all(ns, last.key, Date.now(), ITERATOR_BATCH);
    }
  }

  /** Nothing to release: the database belongs to the caller. Present because keyv calls it. */
  async disconnect(): Promise<void> {}
}
