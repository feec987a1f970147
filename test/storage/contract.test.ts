// The storage contract, run against both backends: SQLite in a temporary file and Redis in a
// redis-server of our own. Every test uses fresh names, so tests never see each other's data.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../../src/storage/index.js";
import { startRedisServer } from "../helpers/redis-server.js";

const redis = await startRedisServer();
const dir = mkdtempSync(join(tmpdir(), "viche-contract-"));

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const fresh = (name: string): string => `${name}-${randomUUID()}`;

/** Polls `check` every 25 ms until it returns true; fails after `withinMs`. */
async function eventually(check: () => Promise<boolean>, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await sleep(25);
  }
}

/** A promise with its resolve function, to hold a task open until the test says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function contract(open: () => Promise<Storage>): void {
  let storage: Storage;
  beforeAll(async () => {
    storage = await open();
  });
  afterAll(async () => {
    await storage?.close();
  });

  it("stores, replaces and deletes values in a collection", async () => {
    const residents = storage.collection<{ name: string; tags: string[]; visits: number }>(fresh("residents"));
    expect(await residents.get("r1")).toBeUndefined();
    await residents.set("r1", { name: "Олена", tags: ["volunteer"], visits: 1 });
    expect(await residents.get("r1")).toEqual({ name: "Олена", tags: ["volunteer"], visits: 1 });
    await residents.set("r1", { name: "Олена", tags: [], visits: 2 });
    expect(await residents.get("r1")).toEqual({ name: "Олена", tags: [], visits: 2 });
    expect(await residents.delete("r1")).toBe(true);
    expect(await residents.delete("r1")).toBe(false);
    expect(await residents.get("r1")).toBeUndefined();
  });

  it("round-trips values the way keyv serialises them (JSON, Dates become strings)", async () => {
    const notes = storage.collection<unknown>(fresh("notes"));
    await notes.set("colon", ":starts with a colon");
    await notes.set("date", { at: new Date("2024-05-01T10:00:00.000Z") });
    await notes.set("zero", 0);
    await notes.set("false", false);
    expect(await notes.get("colon")).toBe(":starts with a colon");
    expect(await notes.get("date")).toEqual({ at: "2024-05-01T10:00:00.000Z" });
    expect(await notes.get("zero")).toBe(0);
    expect(await notes.get("false")).toBe(false);
  });

  it("keeps namespaces apart, even when one name is a prefix of another", async () => {
    const base = fresh("ns");
    const a = storage.collection<string>(base);
    const b = storage.collection<string>(`${base}:sub`);
    await a.set("sub:x", "from a");
    await b.set("x", "from b");
    expect(await a.get("sub:x")).toBe("from a");
    expect(await b.get("x")).toBe("from b");
    expect(await a.get("x")).toBeUndefined();
    expect(await b.delete("sub:x")).toBe(false);
    expect(storage.collection<string>(base)).toBe(a);
  });

  it("forgets a value once its ttl has passed and keeps the others", async () => {
    const sessions = storage.collection<string>(fresh("sessions"));
    await sessions.set("short", "soon gone", 1_500);
    await sessions.set("long", "stays", 600_000);
    await sessions.set("forever", "stays");
    expect(await sessions.get("short")).toBe("soon gone");
    await eventually(async () => (await sessions.get("short")) === undefined);
    expect(await sessions.get("long")).toBe("stays");
    expect(await sessions.get("forever")).toBe("stays");
  });

  it("stores only what is set: changing a value after reading or writing it changes nothing stored", async () => {
    const residents = storage.collection<{ name: string; tags: string[] }>(fresh("residents"));
    const written = { name: "Олена", tags: ["volunteer"] };
    await residents.set("r1", written);
    written.tags.push("changed after set");
    const read = await residents.get("r1");
    read?.tags.push("changed after get");
    expect(await residents.get("r1")).toEqual({ name: "Олена", tags: ["volunteer"] });
  });

  it("lets a value written without a ttl expire once it is rewritten with one", async () => {
    const sessions = storage.collection<string>(fresh("sessions"));
    await sessions.set("s", "kept");
    expect(await sessions.get("s")).toBe("kept");
    await sessions.set("s", "soon gone", 1_500);
    expect(await sessions.get("s")).toBe("soon gone");
    await eventually(async () => (await sessions.get("s")) === undefined);
    expect(await sessions.delete("s")).toBe(false);
  });

  it("rejects a ttl that is not a positive number", async () => {
    const sessions = storage.collection<string>(fresh("sessions"));
    await expect(sessions.set("x", "y", 0)).rejects.toThrow(RangeError);
    await expect(sessions.set("x", "y", -5)).rejects.toThrow(RangeError);
    await expect(storage.claim(fresh("c"), Number.NaN)).rejects.toThrow(RangeError);
  });

  it("gives 200 concurrent increments 200 distinct values", async () => {
    const counter = fresh("reports");
    const values = await Promise.all(Array.from({ length: 200 }, () => storage.increment(counter)));
    expect(new Set(values).size).toBe(200);
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await storage.readCounter(counter)).toBe(200);
  });

  it("reads counters without changing them and adds any integer step", async () => {
    const counter = fresh("tickets");
    expect(await storage.readCounter(counter)).toBe(0);
    expect(await storage.increment(counter, 10)).toBe(10);
    expect(await storage.increment(counter, -3)).toBe(7);
    expect(await storage.readCounter(counter)).toBe(7);
    expect(await storage.readCounter(counter)).toBe(7);
    await expect(storage.increment(counter, 1.5)).rejects.toThrow(RangeError);
  });

  it("ranges an index by score (ties by member), inclusive bounds, honouring the limit", async () => {
    const index = fresh("due");
    for (const [member, score] of [
      ["c", 3],
      ["a", 1],
      ["d", 2],
      ["b", 2],
      ["e", 5],
      ["f", -1.5],
    ] as const) {
      await storage.indexAdd(index, member, score);
    }
    expect(await storage.indexRange(index, -Infinity, Infinity)).toEqual(["f", "a", "b", "d", "c", "e"]);
    expect(await storage.indexRange(index, 2, 3)).toEqual(["b", "d", "c"]);
    expect(await storage.indexRange(index, 2, 3, 2)).toEqual(["b", "d"]);
    expect(await storage.indexRange(index, -Infinity, 1, 10)).toEqual(["f", "a"]);
    expect(await storage.indexRange(index, -Infinity, Infinity, 0)).toEqual([]);
    expect(await storage.indexRange(index, 10, 20)).toEqual([]);
    expect(await storage.indexSize(index)).toBe(6);
    expect(await storage.indexScore(index, "f")).toBe(-1.5);
    expect(await storage.indexScore(index, "missing")).toBeUndefined();
  });

  it("re-scores and removes index members", async () => {
    const index = fresh("due");
    await storage.indexAdd(index, "a", 1);
    await storage.indexAdd(index, "b", 2);
    await storage.indexAdd(index, "a", 10);
    expect(await storage.indexSize(index)).toBe(2);
    expect(await storage.indexRange(index, -Infinity, Infinity)).toEqual(["b", "a"]);
    expect(await storage.indexRemove(index, "b")).toBe(true);
    expect(await storage.indexRemove(index, "b")).toBe(false);
    expect(await storage.indexRange(index, -Infinity, Infinity)).toEqual(["a"]);
    expect(await storage.indexSize(fresh("never-used"))).toBe(0);
  });

  it("claims a key for exactly one of many callers, and again once its ttl has passed", async () => {
    const update = fresh("update");
    const results = await Promise.all(Array.from({ length: 20 }, () => storage.claim(update, 600_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await storage.claim(update, 600_000)).toBe(false);

    const short = fresh("update");
    expect(await storage.claim(short, 200)).toBe(true);
    await eventually(() => storage.claim(short, 600_000));
    expect(await storage.claim(short, 600_000)).toBe(false);
  });

  it("runs tasks under the same lock one at a time and returns their results", async () => {
    const key = fresh("resident");
    const events: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        storage.withLock(key, async () => {
          events.push(`enter ${i}`);
          await sleep(20);
          events.push(`exit ${i}`);
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(events).toHaveLength(10);
    for (let step = 0; step < events.length; step += 2) {
      expect(events[step + 1]).toBe(events[step]?.replace("enter", "exit"));
    }
  });

  it("does not make different locks wait for each other", async () => {
    const held = gate();
    const first = storage.withLock(fresh("lock"), () => held.opened);
    await expect(storage.withLock(fresh("lock"), async () => "other", 2_000)).resolves.toBe("other");
    held.open();
    await first;
  });

  it("gives up waiting for a lock after waitMs, and later callers still get it", async () => {
    const key = fresh("resident");
    const held = gate();
    const entered = gate();
    const events: string[] = [];
    const holder = storage.withLock(key, async () => {
      events.push("holder enters");
      entered.open();
      await held.opened;
      events.push("holder exits");
      return "holder";
    });
    await entered.opened;
    await expect(storage.withLock(key, async () => events.push("impatient enters"), 150)).rejects.toThrow(/lock/);
    // Arrives after the impatient caller gave up, while the holder still runs: must still wait.
    const patient = storage.withLock(key, async () => events.push("patient enters"), 10_000);
    await sleep(50);
    held.open();
    expect(await holder).toBe("holder");
    await patient;
    expect(events).toEqual(["holder enters", "holder exits", "patient enters"]);
  });

  it("releases the lock when the task throws", async () => {
    const key = fresh("resident");
    await expect(storage.withLock(key, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(storage.withLock(key, async () => "next", 2_000)).resolves.toBe("next");
  });

  it("answers ping while the store is up", async () => {
    expect(await storage.ping()).toBe(true);
  });
}

describe("SqliteStorage (contract)", () => {
  contract(() => openStorage(`sqlite://${join(dir, "contract.sqlite")}`));
});

describe.skipIf(!redis)(redis ? "RedisStorage (contract)" : "RedisStorage (contract) — skipped: redis-server is not installed", () => {
  contract(() => openStorage(redis?.url ?? "redis://127.0.0.1:1/0"));
});
