// What an operator of the SQLite default notices: data survives restarts and crashes, the file
// lands where STORAGE_URL says, and missing directories are created.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../../src/storage/index.js";

const dir = mkdtempSync(join(tmpdir(), "viche-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storageIndex = fileURLToPath(new URL("../../src/storage/index.ts", import.meta.url));

async function writeSample(storage: Storage): Promise<void> {
  await storage.collection<{ name: string }>("residents").set("r1", { name: "Олена" });
  await storage.collection<string>("sessions").set("s1", "expires later", 600_000);
  await storage.increment("reports", 3);
  await storage.indexAdd("due", "r1", 42);
  await storage.claim("update-1", 600_000);
}

async function expectSample(storage: Storage): Promise<void> {
  expect(await storage.collection("residents").get("r1")).toEqual({ name: "Олена" });
  expect(await storage.collection("sessions").get("s1")).toBe("expires later");
  expect(await storage.readCounter("reports")).toBe(3);
  expect(await storage.indexRange("due", 0, 100)).toEqual(["r1"]);
  expect(await storage.claim("update-1", 600_000)).toBe(false);
}

describe("SqliteStorage file", () => {
  it("keeps every kind of data across closing and reopening the file", async () => {
    const url = `sqlite://${join(dir, "reopen.sqlite")}`;
    const first = await openStorage(url);
    await writeSample(first);
    await first.close();

    const second = await openStorage(url);
    await expectSample(second);
    await second.close();
  });

  it("keeps flushed writes when the process is killed with SIGKILL right after", async () => {
    const file = join(dir, "killed.sqlite");
    const script = `
      const { openStorage } = await import(${JSON.stringify(storageIndex)});
      const storage = await openStorage(${JSON.stringify(`sqlite://${file}`)});
      await storage.collection("residents").set("r1", { name: "Олена" });
      await storage.collection("sessions").set("s1", "expires later", 600000);
      await storage.increment("reports", 3);
      await storage.indexAdd("due", "r1", 42);
      await storage.claim("update-1", 600000);
      await storage.flush();
      process.stdout.write("written\\n");
      process.kill(process.pid, "SIGKILL");
    `;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe("written\n");
    expect(child.signal).toBe("SIGKILL");

    const storage = await openStorage(`sqlite://${file}`);
    await expectSample(storage);
    await storage.close();
  });

  it("creates missing parent directories", async () => {
    const file = join(dir, "not", "yet", "there", "bot.sqlite");
    const storage = await openStorage(`sqlite://${file}`);
    await storage.increment("c");
    await storage.close();
    expect(existsSync(file)).toBe(true);
  });

  it("accepts a path relative to the working directory (sqlite://./…)", async () => {
    const file = join(dir, "relative", "bot.sqlite");
    const storage = await openStorage(`sqlite://./${relative(process.cwd(), file)}`);
    expect(storage.kind).toBe("sqlite");
    await storage.increment("c");
    await storage.close();
    expect(existsSync(file)).toBe(true);
  });

  it("accepts an absolute path (sqlite:///…)", async () => {
    const file = join(dir, "absolute.sqlite");
    expect(file.startsWith("/")).toBe(true);
    const storage = await openStorage(`sqlite://${file}`);
    await storage.close();
    expect(existsSync(file)).toBe(true);
  });

  it("accepts sqlite://:memory:, which keeps nothing on disk", async () => {
    const storage = await openStorage("sqlite://:memory:");
    await writeSample(storage);
    await expectSample(storage);
    expect(existsSync(":memory:")).toBe(false);
    await storage.close();
  });

  it("opens a file written by an earlier version (collections in a WITHOUT ROWID table) with every value, and moves it to today's table", async () => {
    const path = join(dir, "earlier-layout.sqlite");
    // What Viche wrote before the collections' table became a rowid table, as it wrote it.
    const old = new BetterSqlite3(path);
    old.pragma("journal_mode = WAL");
    old.exec(
      `CREATE TABLE keyv (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires INTEGER, PRIMARY KEY (namespace, key)) WITHOUT ROWID`,
    );
    const insert = old.prepare("INSERT INTO keyv (namespace, key, value, expires) VALUES (?, ?, ?, ?)");
    const big = { name: "Олена", lastButtons: Array.from({ length: 20 }, (_, i) => ({ label: `Кнопка ${i}`, data: `prog:s:${i}` })) };
    insert.run("resident", "telegram:1", JSON.stringify({ value: big }), null);
    insert.run("tg-update", "77", JSON.stringify({ value: true, expires: Date.now() + 600_000 }), Date.now() + 600_000);
    insert.run("tg-update", "76", JSON.stringify({ value: true, expires: Date.now() - 1000 }), Date.now() - 1000);
    old.close();

    const storage = await openStorage(`sqlite://${path}`);
    expect(await storage.collection("resident").get("telegram:1")).toEqual(big);
    expect(await storage.collection("tg-update").get("77")).toBe(true);
    expect(await storage.collection("tg-update").get("76")).toBeUndefined();
    await storage.collection("resident").set("telegram:2", { name: "Петро" });
    await storage.close();

    const check = new BetterSqlite3(path, { readonly: true });
    const table = check.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'keyv'").get();
    const rows = check.prepare<[], { n: number }>("SELECT count(*) AS n FROM keyv").get();
    check.close();
    expect(table?.sql).not.toMatch(/WITHOUT ROWID/i);
    // The two live values moved, the new one was added; the expired one was purged at open.
    expect(rows?.n).toBe(3);

    const reopened = await openStorage(`sqlite://${path}`);
    expect(await reopened.collection("resident").get("telegram:2")).toEqual({ name: "Петро" });
    expect(await reopened.collection("resident").get("telegram:1")).toEqual(big);
    await reopened.close();
  });

  it("reports ping false after close and refuses further use", async () => {
    const storage = await openStorage(`sqlite://${join(dir, "closed.sqlite")}`);
    await storage.close();
    expect(await storage.ping()).toBe(false);
    await expect(storage.increment("c")).rejects.toThrow();
  });
});
