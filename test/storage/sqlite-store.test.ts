// SqliteKeyvStore against keyv's own adapter compliance suite (API, values, namespaces, iterator),
// plus the behaviour Viche relies on that the suite does not cover.
import keyvTestSuite, { keyvIteratorTests } from "@keyv/test-suite";
import BetterSqlite3 from "better-sqlite3";
import { Keyv } from "keyv";
import * as vitest from "vitest";
import { SqliteKeyvStore } from "../../src/storage/sqlite-store.js";

const { afterAll, describe, expect, it } = vitest;

// The suite creates many adapters and expects them to share data, as adapters over one database do.
const db = new BetterSqlite3(":memory:");
const store = (): SqliteKeyvStore => new SqliteKeyvStore(db);
afterAll(() => db.close());

describe("SqliteKeyvStore: @keyv/test-suite", () => {
  keyvTestSuite(vitest, Keyv, store);
  keyvIteratorTests(vitest, Keyv, store);
});

describe("SqliteKeyvStore", () => {
  it("clears only its own namespace, even when another namespace's name extends it", async () => {
    const a = new Keyv({ store: store(), namespace: "a" });
    const ab = new Keyv({ store: store(), namespace: "a:b" });
    await a.set("b:x", "in a");
    await ab.set("x", "in a:b");
    await ab.clear();
    expect(await a.get("b:x")).toBe("in a");
    expect(await ab.get("x")).toBeUndefined();
  });

  it("reports expired values as absent to has() and getMany()", async () => {
    const keyv = new Keyv({ store: store(), namespace: "expiry" });
    await keyv.set("short", "x", 1);
    await keyv.set("long", "y");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await keyv.has("short")).toBe(false);
    expect(await keyv.get(["short", "long"])).toEqual([undefined, "y"]);
  });

  it("iterates more rows than one batch and lets other queries run meanwhile", async () => {
    const keyv = new Keyv({ store: store(), namespace: "many" });
    for (let i = 0; i < 250; i++) await keyv.set(`k${String(i).padStart(3, "0")}`, i);
    const seen: string[] = [];
    const iterate = keyv.iterator;
    if (!iterate) throw new Error("keyv did not expose an iterator for the sqlite dialect");
    for await (const [key] of iterate(undefined) as AsyncIterable<[string, number]>) {
      seen.push(key);
      await keyv.set("a-written-meanwhile", seen.length); // sorts before every k…
    }
    expect(seen).toHaveLength(250);
    expect(seen[0]).toBe("k000");
    expect(seen.at(-1)).toBe("k249");
  });
});
