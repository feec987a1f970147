/**
 * `npm run backup -- FILE` and `npm run restore -- FILE`: a consistent copy of the SQLite store
 * of STORAGE_URL (read from the environment or .env, like Viche itself) while the bot runs, and
 * putting one back with the bot stopped. Exit code 1 with one line saying what to do otherwise.
 */
import { resolve } from "node:path";
import { loadEnvFile } from "./env-file.js";
import { BackupError, backupSqlite, restoreSqlite, sqlitePathOf } from "./sqlite-backup.js";

const USAGE = "usage: npm run backup -- FILE | npm run restore -- FILE";

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if ((command !== "backup" && command !== "restore") || !file) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  loadEnvFile();
  const store = sqlitePathOf(process.env["STORAGE_URL"]?.trim() || "sqlite://./data/bot.sqlite");
  if (command === "backup") {
    const pages = await backupSqlite(store, resolve(file));
    process.stdout.write(`Backed up ${store} to ${file} (${pages} pages).\n`);
  } else {
    restoreSqlite(resolve(file), store);
    process.stdout.write(`Restored ${file} into ${store}; the previous store is kept as ${store}.before-restore. Start Viche again.\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof BackupError ? error.message : `Backup failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
});
