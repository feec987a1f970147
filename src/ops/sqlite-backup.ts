import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";

/** A backup or restore that cannot go ahead; the message says what to do. */
export class BackupError extends Error {
  override readonly name = "BackupError";
}

/** The SQLite file of STORAGE_URL; a BackupError for Redis (whose own persistence files are the backup). */
export function sqlitePathOf(storageUrl: string): string {
  if (!storageUrl.startsWith("sqlite://")) {
    throw new BackupError("STORAGE_URL is Redis: back up Redis's own files (appendonly.aof directory or dump.rdb); see README, Backups.");
  }
  const path = storageUrl.slice("sqlite://".length);
  if (path === "" || path === ":memory:") throw new BackupError("STORAGE_URL names no SQLite file to back up.");
  return path;
}

/** True when a process (Viche) has the database open: it holds a lock an exclusive transaction cannot pass. */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return false;
  } catch (error) {
    if (error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    db.close();
  }
}

function checkIsVicheStore(path: string): void {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupError(`${path} is not a readable SQLite file.`);
  }
  try {
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupError(`${path} is damaged (quick_check: ${String(check)}); use another backup.`);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    if (!tables.some((table) => table.name === "counters") || !tables.some((table) => table.name === "indexes")) {
      throw new BackupError(`${path} is not a Viche store (its tables are missing).`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${path} is not a SQLite database.`);
  } finally {
    db.close();
  }
}

/**
 * Copies the live store at `source` to `target` with SQLite's online backup: a consistent
 * snapshot even while Viche writes (it is not stopped or slowed beyond a page copy). Returns
 * the number of pages copied.
 */
export async function backupSqlite(source: string, target: string): Promise<number> {
  if (!existsSync(source)) throw new BackupError(`There is no store at ${source} (check STORAGE_URL).`);
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name.`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const result = await db.backup(target);
    checkIsVicheStore(target);
    return result.totalPages;
  } finally {
    db.close();
  }
}

/**
 * Puts the backup `file` in place of the store at `target`. Refuses while Viche runs on that
 * store. The store it replaces is kept next to it as `<target>.before-restore`.
 */
export function restoreSqlite(file: string, target: string): void {
  if (!existsSync(file)) throw new BackupError(`There is no backup at ${file}.`);
  checkIsVicheStore(file);
  if (databaseInUse(target)) {
    throw new BackupError(`Viche is running on ${target}: stop it first (docker compose stop viche, or Ctrl+C), then run the restore again.`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const staged = `${target}.restoring`;
  copyFileSync(file, staged);
  if (existsSync(target)) renameSync(target, `${target}.before-restore`);
  for (const leftover of [`${target}-wal`, `${target}-shm`]) rmSync(leftover, { force: true });
  renameSync(staged, target);
}
