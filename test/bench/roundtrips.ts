/**
 * Storage round trips per update, counted (not timed): the real app in this process, in webhook
 * mode, one resident pressing buttons ("menu", "prog") and typing a question. On SQLite every
 * prepared statement run and every `exec` (BEGIN/COMMIT) is counted by wrapping better-sqlite3's
 * prototypes; on Redis the server's own INFO commandstats are read before and after (less the
 * commands the lock-release script runs inside Redis).
 *
 * `npx tsx test/bench/roundtrips.ts` prints the counts; the bench reports them too.
 */
import { createConnection } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Update } from "grammy/types";
import { startRedisServer } from "../helpers/redis-server.js";
import { startViche } from "../helpers/viche.js";
import { WebhookClient, WEBHOOK_SECRET } from "./load.js";
import { fmt, type Row } from "./report.js";
import { freePort, startDouble } from "./stage.js";
import { callbackUpdate, textUpdate, type BenchResident } from "./workload.js";

/** Storage operations per update of one kind. */
export interface RoundTrips {
  readonly storage: "sqlite" | "redis";
  /** Per update: button press (menu), button press (programme), typed question. */
  readonly perUpdate: Record<
    "menu" | "programme" | "question",
    { readonly reads: number; readonly writes: number; readonly other: number; readonly total: number }
  >;
}

type Counts = { reads: number; writes: number; other: number };
const sqliteCounts: Counts = { reads: 0, writes: 0, other: 0 };
let patched = false;

/** Wraps better-sqlite3 once: `get`/`all`/`iterate` are reads, `run` writes, `exec` BEGIN/COMMIT. */
function countSqlite(): void {
  if (patched) return;
  patched = true;
  const probe = new Database(":memory:");
  const statement = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<"get" | "all" | "run", (...args: unknown[]) => unknown>;
  const database = Object.getPrototypeOf(probe) as { exec: (...args: unknown[]) => unknown };
  probe.close();
  for (const [name, kind] of [
    ["get", "reads"],
    ["all", "reads"],
    ["run", "writes"],
  ] as const) {
    const original = statement[name];
    statement[name] = function (this: unknown, ...args: unknown[]) {
      sqliteCounts[kind] += 1;
      return original.apply(this, args);
    };
  }
  const exec = database.exec;
  database.exec = function (this: unknown, ...args: unknown[]) {
    sqliteCounts.other += 1;
    return exec.apply(this, args);
  };
}

const READ_COMMANDS = new Set(["get", "mget", "zscore", "zrangebyscore", "zcard", "zrange", "exists"]);
const WRITE_COMMANDS = new Set(["set", "del", "zadd", "zrem", "incrby", "incr", "pexpire", "unlink"]);

/** Sends one command to Redis over a raw socket and returns the reply text. */
async function redisInfo(port: number): Promise<Counts> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (header?.[1] && Buffer.byteLength(reply) >= header[0].length + Number(header[1]) + 2) {
        socket.end();
        resolve(reply);
      }
    });
    socket.on("error", reject);
    socket.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n");
  });
  const counts: Counts = { reads: 0, writes: 0, other: 0 };
  for (const match of text.matchAll(/cmdstat_([a-z|]+):calls=(\d+)/g)) {
    const name = match[1] ?? "";
    const calls = Number(match[2]);
    if (name === "info" || name === "ping" || name === "hello" || name === "client|setinfo" || name === "select") continue;
    if (READ_COMMANDS.has(name)) counts.reads += calls;
    else if (WRITE_COMMANDS.has(name)) counts.writes += calls;
    else counts.other += calls; // eval (lock release), evalsha, ...
  }
  // commandstats also counts the commands a script runs: each lock release (EVAL) runs a GET and a
  // DEL inside Redis, which are no round trips of their own.
  const evals = Number(/cmdstat_eval:calls=(\d+)/.exec(text)?.[1] ?? 0);
  counts.reads -= evals;
  counts.writes -= evals;
  return counts;
}

/** Counts the storage operations of each kind of update on one backend. */
async function measure(kind: "sqlite" | "redis", repeats: number): Promise<RoundTrips | undefined> {
  const redis = kind === "redis" ? await startRedisServer() : undefined;
  if (kind === "redis" && !redis) return undefined;
  if (kind === "sqlite") countSqlite();
  const double = await startDouble();
  const dataDir = mkdtempSync(join(tmpdir(), "viche-roundtrips-"));
  const port = await freePort();
  const viche = await startViche({
    telegram: double,
    dataDir,
    logLevel: "warn",
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PORT: String(port),
      ...(redis ? { STORAGE_URL: redis.url } : {}),
    },
  });
  const client = new WebhookClient([port], 1);
  const resident: BenchResident = { id: 555_000_001, firstName: "Олена", languageCode: "uk", nextMessageId: 1 };
  double.addPrivateChat({ id: resident.id, first_name: resident.firstName, language_code: "uk" });
  const read = async (): Promise<Counts> => (redis ? redisInfo(redis.port) : { ...sqliteCounts });
  const perUpdate = async (make: () => Update): Promise<{ reads: number; writes: number; other: number; total: number }> => {
    // One untimed update first, so that first-use work (a new resident, caches) is not counted.
    await client.post(make());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await read();
    for (let i = 0; i < repeats; i += 1) {
      const status = await client.post(make());
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await read();
    const per = (key: keyof Counts) => (after[key] - before[key]) / repeats;
    return { reads: per("reads"), writes: per("writes"), other: per("other"), total: per("reads") + per("writes") + per("other") };
  };
  try {
    await client.post(textUpdate(resident, "/start"));
    return {
      storage: kind,
      perUpdate: {
        menu: await perUpdate(() => callbackUpdate(resident, "menu")),
        programme: await perUpdate(() => callbackUpdate(resident, "prog")),
        question: await perUpdate(() => textUpdate(resident, "Коли відремонтують дорогу до села?")),
      },
    };
  } finally {
    client.close();
    await viche.stop();
    await double.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Table rows: storage operations per update. */
export function roundTripRows(results: RoundTrips[]): Row[] {
  return results.map((result) => {
    const { menu, programme, question } = result.perUpdate;
    const show = (counts: { reads: number; writes: number; other: number; total: number }) =>
      `${fmt(counts.total, 1)} (${fmt(counts.reads, 1)} r, ${fmt(counts.writes, 1)} w, ${fmt(counts.other, 1)} other)`;
    return {
      section: "7 storage",
      metric: `${result.storage === "sqlite" ? "SQLite statements (other: BEGIN/COMMIT)" : "Redis round trips (w: 2 take locks; other: lock releases)"} per update, one at a time: menu button | programme button | typed question`,
      value: `${show(menu)} | ${show(programme)} | ${show(question)}`,
      target: "",
      holds: undefined,
    };
  });
}

/** Round trips on SQLite and (when redis-server is installed) on Redis. */
export async function roundTrips(repeats = 20): Promise<RoundTrips[]> {
  const results: RoundTrips[] = [];
  for (const kind of ["sqlite", "redis"] as const) {
    const result = await measure(kind, repeats);
    if (result) results.push(result);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await roundTrips()) process.stdout.write(`${JSON.stringify(result)}\n`);
}
