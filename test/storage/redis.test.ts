// What an operator of the Redis backend notices: several processes agree on claims, counters and
// locks; everything lives under "viche:"; and while Redis is down operations fail at once instead
// of hanging, ping says false, and both recover when Redis returns.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@keyv/redis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisStorage } from "../../src/storage/redis.js";
import { openStorage, type Storage } from "../../src/storage/index.js";
import { redisServerInstalled, startRedisServer, type RedisServer } from "../helpers/redis-server.js";

const installed = redisServerInstalled();
const skipped = installed ? "" : " — skipped: redis-server is not installed";
const fresh = (name: string): string => `${name}-${randomUUID()}`;

/** Rejects when `promise` has not settled within `ms`: "hangs" becomes a test failure. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns true; fails after `withinMs`. */
async function eventually(check: () => Promise<boolean>, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await sleep(50);
  }
}

/** A pino logger writing into `lines`, to see what an operator would read. */
function memoryLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return pino({ level: "info" }, sink);
}

describe.skipIf(!installed)(`RedisStorage shared by two processes${skipped}`, () => {
  let server: RedisServer | undefined;
  let one: Storage;
  let two: Storage;

  beforeAll(async () => {
    server = await startRedisServer();
    if (!server) throw new Error("redis-server did not start");
    one = await openStorage(server.url);
    two = await openStorage(server.url);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await server?.stop();
  });

  it("lets exactly one of two storages claim an update", async () => {
    const update = fresh("update");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).claim(update, 600_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("gives concurrent increments from two storages distinct values", async () => {
    const counter = fresh("reports");
    const values = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? one : two).increment(counter)));
    expect(new Set(values).size).toBe(200);
    expect(await one.readCounter(counter)).toBe(200);
  });

  it("shares collections: one storage reads what the other wrote", async () => {
    const namespace = fresh("residents");
    await one.collection<{ name: string }>(namespace).set("r1", { name: "Олена" });
    expect(await two.collection(namespace).get("r1")).toEqual({ name: "Олена" });
    expect(await two.collection(namespace).delete("r1")).toBe(true);
    expect(await one.collection(namespace).get("r1")).toBeUndefined();
  });

  it("serialises withLock across two storages: no task enters before the previous one exits", async () => {
    const key = fresh("resident");
    const events: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? one : two).withLock(key, async () => {
          events.push(`enter ${i}`);
          await sleep(15);
          events.push(`exit ${i}`);
        }),
      ),
    );
    expect(events).toHaveLength(16);
    for (let step = 0; step < events.length; step += 2) {
      expect(events[step]).toMatch(/^enter /);
      expect(events[step + 1]).toBe(events[step]?.replace("enter", "exit"));
    }
  });

  it("takes over a lock left behind by a crashed process once it expires", async () => {
    const key = fresh("resident");
    const raw = createClient({ url: server?.url });
    await raw.connect();
    try {
      // What a process that died inside withLock leaves: a token nobody will release.
      await raw.set(`viche:lock:${key}`, "token-of-a-dead-process", { expiration: { type: "PX", value: 300 } });
      await expect(one.withLock(key, async () => "recovered", 10_000)).resolves.toBe("recovered");
    } finally {
      raw.destroy();
    }
  });

  it("keeps a lock held while a task outlives the lock ttl", async () => {
    const key = fresh("resident");
    const short = await RedisStorage.connect(server?.url ?? "", { lockTtlMs: 600 });
    try {
      let release = (): void => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered = (): void => {};
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const holder = short.withLock(key, async () => {
        entered();
        await held;
      });
      await inside;
      await expect(two.withLock(key, async () => "too early", 1_500)).rejects.toThrow(/lock/);
      release();
      await holder;
      await expect(two.withLock(key, async () => "after", 2_000)).resolves.toBe("after");
    } finally {
      await short.close();
    }
  });

  it("writes only keys under viche:, so the database can be shared", async () => {
    const raw = createClient({ url: server?.url });
    await raw.connect();
    try {
      await one.collection<string>("residents").set("r1", "x");
      await one.increment("reports");
      await one.indexAdd("due", "r1", 1);
      await one.claim("update", 1_000);
      const keys = await raw.keys("*");
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => !key.startsWith("viche:"))).toEqual([]);
      expect(keys).toContain("viche:kv:residents:r1");
      expect(keys).toContain("viche:counter:reports");
    } finally {
      raw.destroy();
    }
  });
});

describe.skipIf(!installed)(`RedisStorage while Redis is down${skipped}`, () => {
  let server: RedisServer | undefined;
  let storage: Storage;
  const logLines: string[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
    if (!server) throw new Error("redis-server did not start");
    storage = await openStorage(server.url, { logger: memoryLogger(logLines) });
  });
  afterAll(async () => {
    await storage?.close();
    await server?.stop();
  });

  it("says ping false and fails every operation at once, then recovers after a restart", async () => {
    const residents = storage.collection<string>("residents");
    await residents.set("r1", "before");
    expect(await storage.ping()).toBe(true);

    await server?.stop();
    expect(await within(3_000, storage.ping())).toBe(false);
    const operations: Array<[string, () => Promise<unknown>]> = [
      ["collection get", () => residents.get("r1")],
      ["collection set", () => residents.set("r2", "during")],
      ["collection delete", () => residents.delete("r1")],
      ["increment", () => storage.increment("reports")],
      ["readCounter", () => storage.readCounter("reports")],
      ["indexAdd", () => storage.indexAdd("due", "r1", 1)],
      ["indexRemove", () => storage.indexRemove("due", "r1")],
      ["indexRange", () => storage.indexRange("due", 0, 10)],
      ["indexScore", () => storage.indexScore("due", "r1")],
      ["indexSize", () => storage.indexSize("due")],
      ["claim", () => storage.claim("update", 1_000)],
      ["withLock", () => storage.withLock("resident", async () => "ran", 5_000)],
    ];
    for (const [name, operation] of operations) {
      const outcome = await within(
        3_000,
        operation().then(
          () => "resolved",
          () => "rejected",
        ),
      );
      expect(`${name}: ${outcome}`).toBe(`${name}: rejected`);
    }
    expect(logLines.some((line) => line.includes("Redis connection lost"))).toBe(true);

    await server?.restart();
    await eventually(() => storage.ping());
    await residents.set("r3", "after");
    expect(await residents.get("r3")).toBe("after");
    expect(await storage.increment(fresh("reports"))).toBe(1);
    expect(await storage.withLock("resident", async () => "ran", 5_000)).toBe("ran");
    expect(logLines.some((line) => line.includes("Redis connection established"))).toBe(true);
  });
});

describe("RedisStorage.connect when nothing listens", () => {
  it("rejects within its connect timeout, naming the host but not the password", async () => {
    const lines: string[] = [];
    const url = "redis://viche:s3cret-pass@127.0.0.1:1/0";
    const failure = await within(
      10_000,
      RedisStorage.connect(url, { connectTimeoutMs: 500, logger: memoryLogger(lines) }).then(
        () => new Error("connected unexpectedly"),
        (error: Error) => error,
      ),
    );
    expect(failure.message).toContain("Could not connect to Redis at redis://127.0.0.1:1/0");
    expect(failure.message).not.toContain("s3cret-pass");
    expect(lines.join("")).not.toContain("s3cret-pass");
  });
});
