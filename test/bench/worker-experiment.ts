/**
 * Experiment: how close the real OutboxWorker (src/core/outbox/worker.ts) comes to Telegram's
 * overall limit when many residents' lanes are due at once (a broadcast), and how close a
 * proposed change to its scheduling comes. In the benchmark's process: real Outbox and worker on a
 * real SQLite file (synchronous FULL, as in production), real time; only the Bot API is replaced by
 * the double's limit rule (LimitSimulator) behind a 1 ms await.
 *
 * The proposed change (applied here by patching one worker instance at run time, for measurement
 * only): when pacing holds every due lane back, sleep until the earliest one may send instead of
 * the 250 ms poll, and when the overall window is what holds them, stop walking the lanes at once
 * rather than writing a "hold" for each of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { DeliveryError, Outbox } from "../../src/core/outbox/outbox.js";
import { PLATFORM_LIMITS } from "../../src/core/outbox/pacing.js";
import { OutboxWorker } from "../../src/core/outbox/worker.js";
import { SqliteStorage } from "../../src/storage/sqlite.js";
import { LimitSimulator, TELEGRAM_LIMITS } from "./delivery.js";
import { waitUntil } from "./stage.js";

/** What one variant achieved. */
export interface WorkerExperiment {
  readonly variant: string;
  readonly messages: number;
  readonly delivered: number;
  readonly rateLimited: number;
  readonly achievedPerSecond: number;
  readonly fractionOfLimit: number;
}

interface WorkerInternals {
  options: { outbox: Outbox; storage: SqliteStorage; pollMs?: number };
  pacer: { global: { waitMs(now: number): number }; waitMs(lane: string, now: number): number };
  now: () => number;
  stopped: boolean;
  flushing: boolean;
  tick(): Promise<boolean>;
  schedule(delayMs: number): void;
  deliverHead(lane: string): Promise<boolean>;
}

/** The proposed scheduling, put on one worker instance. */
function patchWorker(worker: OutboxWorker): void {
  const internals = worker as unknown as WorkerInternals & { nextWaitMs?: number };
  const schedule = internals.schedule.bind(internals);
  internals.schedule = (delayMs: number) => schedule(Math.min(delayMs, internals.nextWaitMs ?? delayMs));
  internals.tick = async function tick(this: WorkerInternals & { nextWaitMs?: number }): Promise<boolean> {
    const { outbox, storage } = this.options;
    const lanes = await outbox.dueLanes(this.now(), 50);
    let worked = false;
    this.nextWaitMs = undefined;
    for (const lane of lanes) {
      if (this.stopped && !this.flushing) break;
      const overall = this.pacer.global.waitMs(this.now());
      if (overall > 0) {
        this.nextWaitMs = overall;
        break;
      }
      const wait = this.pacer.waitMs(lane, this.now());
      if (wait > 0) {
        await outbox.hold(lane, this.now() + wait);
        this.nextWaitMs = Math.min(this.nextWaitMs ?? wait, wait);
        continue;
      }
      try {
        const done = await storage.withLock(`outbox-lane:${lane}`, () => this.deliverHead(lane), 0);
        worked = worked || done;
      } catch {
        // another holder
      }
    }
    return worked;
  };
}

/** Delivers `messages` messages to as many residents through the real worker; `patched` applies the proposal. */
export async function workerExperiment(messages: number, patched: boolean): Promise<WorkerExperiment> {
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-worker-"));
  const storage = new SqliteStorage(join(dir, "outbox.sqlite"));
  const outbox = new Outbox(storage);
  const limits = new LimitSimulator(TELEGRAM_LIMITS);
  const times: number[] = [];
  let rateLimited = 0;
  const worker = new OutboxWorker({
    outbox,
    storage,
    logger: pino({ level: "silent" }),
    limits: PLATFORM_LIMITS,
    deliver: async (item) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const chatId = item.payload.type === "resident" ? Number(item.payload.resident.id) : -1;
      const retryAfter = limits.admit(chatId, Date.now());
      if (retryAfter !== undefined) {
        rateLimited += 1;
        throw new DeliveryError("Too Many Requests", false, "rate-limited", retryAfter * 1000);
      }
      times.push(Date.now());
    },
    onUndeliverable: async () => undefined,
  });
  if (patched) patchWorker(worker);
  try {
    const now = Date.now();
    for (let i = 0; i < messages; i += 1) {
      await outbox.enqueue(
        { type: "resident", resident: { channel: "telegram", id: String(1000 + i) }, messages: [{ text: "broadcast" }], purpose: "broadcast" },
        now,
      );
    }
    worker.start();
    await waitUntil(() => times.length >= messages, (messages / TELEGRAM_LIMITS.globalPerSecond) * 3000 + 10_000, 100);
    await worker.stop();
    const seconds = times.length > 1 ? ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000 : 0;
    const achieved = seconds > 0 ? (times.length - 1) / seconds : 0;
    return {
      variant: patched ? "proposed: sleep until the earliest lane may send; stop at a full overall window" : "today: hold each lane, poll again after 250 ms",
      messages,
      delivered: times.length,
      rateLimited,
      achievedPerSecond: achieved,
      fractionOfLimit: achieved / TELEGRAM_LIMITS.globalPerSecond,
    };
  } finally {
    await worker.stop();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
