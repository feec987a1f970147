/**
 * Scenario 2, growth: the cost of an update with 1k, 10k and 100k residents stored (each with one
 * report), the cost of each step of a complaint from the first to the last, storage bytes per
 * resident and per report, and the process's memory at idle and under load.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSimilarComplaint } from "../../src/core/organisers/similar.js";
import { idleReports } from "../../src/core/organisers/followups.js";
import { ReportRepository } from "../../src/core/reports/reports.js";
import { SqliteStorage } from "../../src/storage/sqlite.js";
import type { TelegramDouble } from "../doubles/telegram-api.js";
import { cpuMs, type Sut } from "./child.js";
import { closedLoop, percentiles, WebhookClient } from "./load.js";
import { populateSqlite, sqliteFootprint } from "./populate.js";
import { doubleFaults, mb, ORGANISERS_CHAT_ID, sampleRss, startDouble, startMeasured, waitUntil, waitForOutbox, type BenchContext } from "./stage.js";
import { COMPLAINT_STEPS, registerResidents, ReplyTracker, Session, Workload, type Intent, type SessionStats } from "./workload.js";

const DAY_MS = 24 * 3600 * 1000;

/** Sizes of the growth scenario. */
export interface GrowthSizes {
  readonly populations: readonly number[];
  readonly warmupUpdates: number;
  readonly mixedUpdates: number;
  readonly mixedMaxMs: number;
  /** Residents going through the complaint step by step. */
  readonly flowResidents: number;
  readonly phaseMaxMs: number;
}

export const GROWTH_SIZES = {
  full: { populations: [1_000, 10_000, 100_000], warmupUpdates: 300, mixedUpdates: 3000, mixedMaxMs: 30_000, flowResidents: 24, phaseMaxMs: 60_000 },
  quick: { populations: [1_000, 10_000], warmupUpdates: 200, mixedUpdates: 1200, mixedMaxMs: 15_000, flowResidents: 12, phaseMaxMs: 30_000 },
} as const satisfies Record<string, GrowthSizes>;

/** The cost of one step of the complaint flow. */
export interface StepCost {
  readonly step: string;
  readonly updates: number;
  readonly cpuMsPerUpdate: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

/** Direct timings of the storage look-ups the hot paths make (in the benchmark's process, real SqliteStorage). */
export interface ScanTimings {
  /** Reports created in the last 30 days. */
  readonly reportsInJoinWindow: number;
  /** findSimilarComplaint as the description step calls it today (the category-and-place index), ms (median of 3). */
  readonly similarMs: number;
  /** The same look-up without the index: every report of the 30-day window read one by one, ms. */
  readonly similarUnindexedMs: number;
  /** idleReports (the organisers' daily idle digest: every report older than 3 days), ms. */
  readonly idleDigestMs: number;
}

/** What one population size measured. */
export interface GrowthPoint {
  readonly residents: number;
  readonly populateSeconds: number;
  readonly storage: {
    readonly fileBytes: number;
    readonly bytesPerResidentWithReport: number;
    /** Logical bytes (key + value) of one resident record and one report record, on average. */
    readonly residentRecordBytes: number;
    readonly reportRecordBytes: number;
    readonly tables: Record<string, number>;
  };
  readonly idleRssMb: number;
  /**
   * RSS after the organisers' daily idle digest's scan (run once here; the scheduler also runs it at
   * start when started after 9:00 in the organisation's time zone, so idleRssMb may include it too).
   */
  readonly afterIdleScanRssMb: number;
  /** Open reports that scan found idle. */
  readonly idleReports: number;
  readonly peakRssMb: number;
  /** From forking the process to its "ready" (storage open, webhook set, HTTP serving), ms. */
  readonly startMs: number;
  readonly mixed: { readonly updates: number; readonly updatesPerSecond: number; readonly cpuMsPerUpdate: number; readonly p99Ms: number };
  readonly steps: StepCost[];
  readonly scans: ScanTimings;
  /** The dedupe record kept 26 h per processed update (logical bytes). */
  readonly tgUpdateBytesPerUpdate: number;
  readonly health: { readonly non200: number; readonly doubleFaults: number; readonly loggedErrors: number; readonly sessions: SessionStats };
}

function complaintIntents(i: number): Intent[] {
  const press = (data: string, label?: string): Intent => ({ kind: "press", data: [data], ...(label ? { label } : {}) });
  return [
    { kind: "text", text: "/start" },
    press("cmd:complaint"),
    press("f:category:roads"),
    // A place nobody else reported from: the step reads every recent report all the same.
    { kind: "text", text: `Тестове поселення ${i}` },
    // It is not in the oblast's list of places: kept as written.
    press("f:settlement:keep"),
    { kind: "text", text: `Зламана лавка і розбитий ліхтар біля ставка номер ${i}, просимо полагодити` },
    press("f:attachments:done", "button-skip"),
    press("f:contact:anonymous", "button-anonymous"),
    press("f:send"),
  ];
}

/** Every resident advances one step of the complaint together; each step's CPU is read separately. */
async function measureSteps(
  sut: Sut,
  double: TelegramDouble,
  client: WebhookClient,
  workload: Workload,
  sizes: GrowthSizes,
  base: number,
): Promise<StepCost[]> {
  const tracker = new ReplyTracker(double);
  const stats: SessionStats = { sessions: 0, updates: 0, divergences: 0, skipped: 0, joins: 0 };
  const sessions = Array.from({ length: sizes.flowResidents }, (_, i) => {
    const resident = workload.resident(base + i);
    double.addPrivateChat({ id: resident.id, first_name: resident.firstName, language_code: resident.languageCode });
    return new Session(resident, "complaint", complaintIntents(base + i), Math.random, stats);
  });
  const costs: StepCost[] = [];
  for (const step of COMPLAINT_STEPS) {
    const cardsBefore = double.messagesTo(ORGANISERS_CHAT_ID).length;
    const before = await sut.usage();
    const latencies: number[] = [];
    const deadline = Date.now() + sizes.phaseMaxMs;
    let next = 0;
    let sent = 0;
    const worker = async () => {
      while (next < sessions.length && Date.now() < deadline) {
        const session = sessions[next++];
        const update = session?.next(session ? tracker.screen(session.resident.id) : undefined);
        if (!update) continue;
        sent += 1;
        const at = performance.now();
        await client.post(update);
        latencies.push(performance.now() - at);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    if (step === "send") await waitUntil(() => double.messagesTo(ORGANISERS_CHAT_ID).length >= cardsBefore + sent, 30_000);
    const after = await sut.usage();
    const summary = percentiles(latencies);
    costs.push({ step, updates: sent, cpuMsPerUpdate: cpuMs(before, after) / Math.max(1, sent), meanMs: summary.mean, maxMs: summary.max });
  }
  if (stats.divergences > 0) throw new Error(`the step-by-step complaint diverged ${stats.divergences} times`);
  return costs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Times the look-ups directly against the populated file (before Viche opens it). */
async function timeScans(path: string, now: number): Promise<ScanTimings> {
  const storage = new SqliteStorage(path);
  try {
    const reports = new ReportRepository(storage);
    const draft = {
      category: "roads",
      settlement: "Малин",
      text: "яма дорога ремонт місяць відповідь громада",
      resident: { channel: "telegram" as const, id: "1" },
    };
    const time = async (task: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const started = performance.now();
        await task();
        runs.push(performance.now() - started);
      }
      return median(runs);
    };
    const inWindow = await reports.refsBetween(now - 30 * DAY_MS, now);
    const similarMs = await time(() => findSimilarComplaint(reports, draft, now, storage));
    const similarUnindexedMs = await time(() => findSimilarComplaint(reports, draft, now));
    const started = performance.now();
    await idleReports(reports, now, 3, 10);
    return { reportsInJoinWindow: inWindow.length, similarMs, similarUnindexedMs, idleDigestMs: performance.now() - started };
  } finally {
    await storage.close();
  }
}

/** One population size: populate, measure storage, start Viche on it, measure. */
export async function growthPoint(context: BenchContext, residents: number, sizes: GrowthSizes, profileName?: string): Promise<GrowthPoint> {
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-growth-"));
  const path = join(dir, "bot.sqlite");
  const empty = join(dir, "empty.sqlite");
  const double = await startDouble();
  let sut: Sut | undefined;
  try {
    await new SqliteStorage(empty).close();
    const emptyBytes = sqliteFootprint(empty).fileBytes;
    const now = Date.now();
    context.log(`  growth ${residents}: populating`);
    const started = performance.now();
    await populateSqlite(path, { count: residents, base: 30_000_000, seed: 7, now });
    const populateSeconds = (performance.now() - started) / 1000;
    const footprint = sqliteFootprint(path);
    const scans = await timeScans(path, now);

    const workload = new Workload({ seed: 11, residentBase: 22_000_000, residentCount: 2000 });
    const warmup = new Workload({ seed: 12, residentBase: 23_000_000, residentCount: 100 });
    registerResidents(double, workload);
    registerResidents(double, warmup);
    const starting = performance.now();
    sut = await startMeasured(context, { kind: "viche", double, storageUrl: `sqlite://${path}`, ...(profileName ? { profileName } : {}) });
    const startMs = performance.now() - starting;
    const client = new WebhookClient([sut.port], 32);
    const tracker = new ReplyTracker(double);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = await sut.usage();
    const idleScan = await sut.request({ type: "idle-scan" }, "idle-scan");
    const afterIdleScan = await sut.usage();

    context.log(`  growth ${residents}: mixed load`);
    await closedLoop({ client, workload: warmup, tracker, connections: 32, maxUpdates: sizes.warmupUpdates, maxMs: sizes.mixedMaxMs });
    await waitForOutbox(sut, 10_000);
    const rss = sampleRss(sut);
    const before = await sut.usage();
    const run = await closedLoop({ client, workload, tracker, connections: 32, maxUpdates: sizes.mixedUpdates, maxMs: sizes.mixedMaxMs });
    await waitForOutbox(sut, 10_000);
    const after = await sut.usage();

    context.log(`  growth ${residents}: complaint step by step`);
    const steps = await measureSteps(sut, double, client, workload, sizes, 24_000_000);
    const peak = await rss.stop();
    client.close();
    await sut.stop();
    const afterRun = sqliteFootprint(path);
    const tg = afterRun.namespaces["tg-update"];
    const residentNs = footprint.namespaces["resident"];
    const reportNs = footprint.namespaces["report"];
    return {
      residents,
      populateSeconds,
      storage: {
        fileBytes: footprint.fileBytes,
        bytesPerResidentWithReport: (footprint.fileBytes - emptyBytes) / residents,
        residentRecordBytes: residentNs ? residentNs.bytes / residentNs.rows : 0,
        reportRecordBytes: reportNs ? reportNs.bytes / reportNs.rows : 0,
        tables: footprint.tables,
      },
      idleRssMb: mb(idle.rss),
      afterIdleScanRssMb: mb(afterIdleScan.rss),
      idleReports: idleScan.idle,
      peakRssMb: mb(Math.max(peak, after.rss)),
      startMs,
      mixed: {
        updates: run.updates,
        updatesPerSecond: run.updates / (run.wallMs / 1000),
        cpuMsPerUpdate: cpuMs(before, after) / Math.max(1, run.updates),
        p99Ms: run.latencies.p99,
      },
      steps,
      scans,
      tgUpdateBytesPerUpdate: tg ? tg.bytes / tg.rows : 0,
      health: { non200: client.failures(), doubleFaults: doubleFaults(double), loggedErrors: sut.logCounts.error, sessions: { ...workload.stats } },
    };
  } finally {
    await sut?.stop().catch(() => undefined);
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
