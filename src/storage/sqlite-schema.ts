import type { Database } from "better-sqlite3";
import { SqliteKeyvStore } from "./sqlite-store.js";

/**
 * The SQLite file's settings, tables and the prepared statements of `SqliteStorage` (sqlite.ts):
 * collections in keyv's own table, plain tables for counters, ordered indexes and claims.
 */

/** Sets the pragmas, creates the tables and prepares the statements. */
export function setUp(db: Database) {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // Freed space is overwritten with zeros: what /forget deletes does not linger in the file.
  db.pragma("secure_delete = ON");
  db.pragma("busy_timeout = 5000");
  db.exec(`
    CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS indexes (
      name TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (name, member)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS indexes_by_score ON indexes (name, score, member);
    CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires INTEGER NOT NULL) WITHOUT ROWID;
  `);
  SqliteKeyvStore.createTable(db);
  return {
    kvGet: db.prepare<[string, string, number], { value: string }>(
      "SELECT value FROM keyv WHERE namespace = ? AND key = ? AND (expires IS NULL OR expires > ?)",
    ),
    kvSet: db.prepare<[string, string, string, number | null]>(
      `INSERT INTO keyv (namespace, key, value, expires) VALUES (?, ?, ?, ?)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
    ),
    kvDelete: db.prepare<[string, string], { expires: number | null }>("DELETE FROM keyv WHERE namespace = ? AND key = ? RETURNING expires"),
    increment: db.prepare<[string, number], { value: number }>(
      `INSERT INTO counters (name, value) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`,
    ),
    readCounter: db.prepare<[string], { value: number }>("SELECT value FROM counters WHERE name = ?"),
    indexAdd: db.prepare<[string, string, number]>(
      `INSERT INTO indexes (name, member, score) VALUES (?, ?, ?)
       ON CONFLICT (name, member) DO UPDATE SET score = excluded.score`,
    ),
    indexRemove: db.prepare<[string, string]>("DELETE FROM indexes WHERE name = ? AND member = ?"),
    indexRange: db.prepare<[string, number, number, number], { member: string }>(
      "SELECT member FROM indexes WHERE name = ? AND score BETWEEN ? AND ? ORDER BY score, member LIMIT ?",
    ),
    indexScore: db.prepare<[string, string], { score: number }>("SELECT score FROM indexes WHERE name = ? AND member = ?"),
    indexSize: db.prepare<[string], { size: number }>("SELECT count(*) AS size FROM indexes WHERE name = ?"),
    // Parameters: key, new expiry, now. A claim whose time is up counts as absent and is replaced.
    claim: db.prepare<[string, number, number]>(
      `INSERT INTO claims (key, expires) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET expires = excluded.expires WHERE claims.expires <= ?`,
    ),
    purgeKeyv: db.prepare<[number]>("DELETE FROM keyv WHERE expires <= ?"),
    purgeClaims: db.prepare<[number]>("DELETE FROM claims WHERE expires <= ?"),
  };
}
