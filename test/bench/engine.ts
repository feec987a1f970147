/**
 * Scenario 1, engine cost: the full stack (webhook POST /telegram → grammY → core → storage →
 * outbox → Bot API double on loopback) under the residents' mix, against a bare grammY webhook bot
 * that answers each update with one sendMessage to the same kind of double.
 *
 * All processes measured are started together and loaded in turn, in short slices (bare, Viche on
 * SQLite, Viche on Redis, then again, with the order rotating): on a shared, noisy machine the
 * ratio of two slices taken seconds apart is far steadier than that of two runs taken a minute
 * apart. The median over the rounds is reported, with every round's figure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TelegramDouble } from "../doubles/telegram-api.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { cpuMs, type Sut } from "./child.js";
import { closedLoop, openLoop, WebhookClient, type Latencies } from "./load.js";
import { median } from "./report.js";
import {
  doubleFaults,
  doubleFaultSamples,
  redundantEdits,
  mb,
  rateLimited,
  sampleRss,
  startDouble,
  startMeasured,
  waitForOutbox,
  type BenchContext,
} from "./stage.js";
import { registerResidents, ReplyTracker, Workload, type SessionStats } from "./workload.js";

/** Sizes of the engine scenario. */
export interface EngineSizes {
  readonly residents: number;
  readonly connections: number;
  /**
   * Updates each process gets before its first measured slice. Measured: after 600, the bare bot's
   * CPU per update still fell round by round (0.53 → 0.21 ms over five slices of 1,500) while
   * Viche's was flat from the second, so early rounds compared a cold bare bot with a warm Viche.
   * After three slices' worth neither falls round by round any more (one run, bare: 0.22, 0.35,
   * 0.28, 0.21, 0.29 ms; Viche: 0.44–0.52 ms).
   */
  readonly warmupUpdates: number;
  /** Updates per slice, and slices per process. */
  readonly sliceUpdates: number;
  readonly rounds: number;
  readonly sliceMaxMs: number;
  /** Open-loop rate and duration; 0 = no open-loop part. */
  readonly rate: number;
  readonly openLoopMs: number;
}

/** Full and quick sizes. */
export const ENGINE_SIZES = {
  full: { residents: 3000, connections: 32, warmupUpdates: 4500, sliceUpdates: 1500, rounds: 5, sliceMaxMs: 20_000, rate: 200, openLoopMs: 20_000 },
  quick: { residents: 1500, connections: 32, warmupUpdates: 2400, sliceUpdates: 800, rounds: 3, sliceMaxMs: 10_000, rate: 200, openLoopMs: 6_000 },
} as const satisfies Record<string, EngineSizes>;

/** One slice of closed-loop load. */
export interface EngineSlice {
  readonly updates: number;
  readonly updatesPerSecond: number;
  /** CPU of the measured process per update (ms), including the outbox delivering what the updates caused. */
  readonly cpuMsPerUpdate: number;
  /** CPU of the benchmark's own process (load generator + Bot API double) per update. */
  readonly generatorCpuMsPerUpdate: number;
  /** SQLite writes per update and ms spent in them (experiment count-writes only). */
  readonly writesPerUpdate?: number;
  readonly writeMsPerUpdate?: number;
}

/** What one measured process did. */
export interface EngineRun {
  readonly label: string;
  readonly kind: "viche" | "bare";
  readonly storage: "sqlite" | "redis" | "none";
  readonly experiment?: string;
  /** Set for a baseline build (another commit), measured beside this checkout. */
  readonly baseline?: string;
  readonly slices: EngineSlice[];
  /** Medians over the slices. */
  readonly throughput: {
    readonly updates: number;
    readonly updatesPerSecond: number;
    readonly cpuMsPerUpdate: number;
    readonly generatorCpuMsPerUpdate: number;
    readonly latencies: Latencies;
    readonly writesPerUpdate?: number;
    readonly writeMsPerUpdate?: number;
  };
  readonly openLoop?: {
    readonly rate: number;
    readonly updates: number;
    readonly latencies: Latencies;
    readonly sendLagP99: number;
    readonly unanswered: number;
    readonly cpuMsPerUpdate: number;
  };
  readonly memory: { readonly idleRssMb: number; readonly peakRssMb: number };
  readonly health: {
    readonly non200: number;
    /** Answers by HTTP status, 0 for no answer (connection error or timeout). */
    readonly statuses: Record<string, number>;
    readonly doubleFaults: number;
    readonly faultSamples: string[];
    /** Card edits that changed nothing (400 "message is not modified"). */
    readonly redundantEdits: number;
    readonly rateLimited: number;
    readonly loggedErrors: number;
    readonly sessions: SessionStats;
    /** Messages the bot sent to residents and to the group during the whole run. */
    readonly messagesSent: number;
    /** Residents' messages the bot changed in place (a multi-select tick edits the pressed message). */
    readonly messagesEdited: number;
    /** Bot API calls per update handled, by method, over the whole run. */
    readonly apiCallsPerUpdate: Record<string, number>;
  };
}

/** A process to measure. */
export interface EngineSpec {
  readonly label: string;
  readonly kind: "viche" | "bare";
  readonly storage: "sqlite" | "redis" | "none";
  /** An experiment of sut.ts (measuring a proposed fix), e.g. "sqlite-normal,count-writes". */
  readonly experiment?: string;
  /** Run the measured process under --cpu-prof (its numbers are then not comparable). */
  readonly profileName?: string;
  /** Another build's entry (a baseline commit, see buildBaseline); default: this checkout's. */
  readonly entry?: string;
  /** The git ref that `entry` was built from. */
  readonly baseline?: string;
}

/** Bot API calls per update, by method (start-up calls such as setWebhook are left out). */
function callsPerUpdate(double: TelegramDouble, updates: number): Record<string, number> {
  const counts: Record<string, number> = {};
  let total = 0;
  for (const call of double.calls) {
    if (!["sendMessage", "answerCallbackQuery", "editMessageText", "sendPhoto", "editMessageCaption"].includes(call.method)) continue;
    counts[call.method] = (counts[call.method] ?? 0) + 1;
    total += 1;
  }
  const out: Record<string, number> = { all: Math.round((total / Math.max(1, updates)) * 100) / 100 };
  for (const [method, count] of Object.entries(counts)) out[method] = Math.round((count / Math.max(1, updates)) * 100) / 100;
  return out;
}

interface Contestant {
  readonly spec: EngineSpec;
  readonly double: TelegramDouble;
  readonly sut: Sut;
  readonly client: WebhookClient;
  readonly workload: Workload;
  readonly tracker: ReplyTracker | undefined;
  readonly slices: EngineSlice[];
  readonly latencies: Latencies[];
  idleRss: number;
  peakRss: number;
  open?: EngineRun["openLoop"];
}

/** Measures the given processes side by side (see the file comment). */
export async function engineRuns(context: BenchContext, specs: readonly EngineSpec[], sizes: EngineSizes, seed = 42): Promise<EngineRun[]> {
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-engine-"));
  const redisServers: RedisServer[] = [];
  const contestants: Contestant[] = [];
  const doubles: TelegramDouble[] = [];
  try {
    for (const [index, spec] of specs.entries()) {
      const double = await startDouble();
      doubles.push(double);
      let storageUrl = `sqlite://${join(dir, `bot-${index}.sqlite`)}`;
      if (spec.storage === "redis") {
        const redis = await startRedisServer();
        if (!redis) throw new Error("redis-server is not installed");
        redisServers.push(redis);
        storageUrl = redis.url;
      }
      // Every process gets the same residents sending the same sessions.
      const workload = new Workload({ seed, residentBase: 20_000_000, residentCount: sizes.residents });
      const warmup = new Workload({ seed: seed + 1, residentBase: 21_000_000, residentCount: Math.max(50, Math.floor(sizes.warmupUpdates / 4)) });
      registerResidents(double, workload);
      registerResidents(double, warmup);
      const sut = await startMeasured(spec.entry ? { ...context, entry: spec.entry } : context, {
        kind: spec.kind,
        double,
        storageUrl,
        ...(spec.profileName ? { profileName: spec.profileName } : {}),
        ...(spec.experiment ? { experiment: spec.experiment } : {}),
      });
      const client = new WebhookClient([sut.port], sizes.connections);
      const tracker = spec.kind === "viche" ? new ReplyTracker(double) : undefined;
      const contestant: Contestant = { spec, double, sut, client, workload, tracker, slices: [], latencies: [], idleRss: 0, peakRss: 0 };
      contestants.push(contestant);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      contestant.idleRss = (await sut.usage()).rss;
      context.log(`  ${spec.label}: warm-up ${sizes.warmupUpdates} updates`);
      await closedLoop({
        client,
        workload: warmup,
        ...(tracker ? { tracker } : {}),
        connections: sizes.connections,
        maxUpdates: sizes.warmupUpdates,
        maxMs: sizes.sliceMaxMs,
      });
      if (spec.kind === "viche") await waitForOutbox(sut, 10_000);
    }

    for (let round = 0; round < sizes.rounds; round += 1) {
      context.log(`  round ${round + 1}/${sizes.rounds}: ${sizes.sliceUpdates} updates each, ${sizes.connections} connections`);
      // Rotate the order, so that no process always runs right after the same one.
      const order = contestants.map((_, i) => contestants[(i + round) % contestants.length]).filter((c): c is Contestant => c !== undefined);
      for (const contestant of order) {
        const { sut, client, workload, tracker, spec } = contestant;
        const rss = sampleRss(sut);
        const before = await sut.usage();
        const run = await closedLoop({
          client,
          workload,
          ...(tracker ? { tracker } : {}),
          connections: sizes.connections,
          maxUpdates: sizes.sliceUpdates,
          maxMs: sizes.sliceMaxMs,
        });
        // The cards and other deliveries these updates caused are part of their cost.
        if (spec.kind === "viche") await waitForOutbox(sut, 10_000);
        const after = await sut.usage();
        contestant.peakRss = Math.max(contestant.peakRss, await rss.stop(), after.rss);
        contestant.latencies.push(run.latencies);
        contestant.slices.push({
          updates: run.updates,
          updatesPerSecond: run.updates / (run.wallMs / 1000),
          cpuMsPerUpdate: cpuMs(before, after) / Math.max(1, run.updates),
          generatorCpuMsPerUpdate: run.generatorCpuMs / Math.max(1, run.updates),
          ...(after.writes > 0
            ? {
                writesPerUpdate: (after.writes - before.writes) / Math.max(1, run.updates),
                writeMsPerUpdate: (after.writeMs - before.writeMs) / Math.max(1, run.updates),
              }
            : {}),
        });
      }
    }

    if (sizes.rate > 0 && sizes.openLoopMs > 0) {
      for (const contestant of contestants) {
        const { sut, client, workload, tracker, spec } = contestant;
        context.log(`  ${spec.label}: open loop at ${sizes.rate} updates/s for ${sizes.openLoopMs / 1000} s`);
        const before = await sut.usage();
        const result = await openLoop({ client, workload, ...(tracker ? { tracker } : {}), rate: sizes.rate, durationMs: sizes.openLoopMs, drainMs: 20_000 });
        if (spec.kind === "viche") await waitForOutbox(sut, 10_000);
        const after = await sut.usage();
        contestant.open = {
          rate: result.rate,
          updates: result.updates,
          latencies: result.latencies,
          sendLagP99: result.sendLag.p99,
          unanswered: result.unanswered,
          cpuMsPerUpdate: cpuMs(before, after) / Math.max(1, result.updates),
        };
      }
    }

    const runs: EngineRun[] = [];
    for (const contestant of contestants) {
      const { spec, slices, double, sut, client } = contestant;
      await sut.stop();
      client.close();
      const pick = (values: Array<number | undefined>) => {
        const present = values.filter((value): value is number => value !== undefined);
        return present.length > 0 ? median(present) : undefined;
      };
      const writes = pick(slices.map((slice) => slice.writesPerUpdate));
      const writeMs = pick(slices.map((slice) => slice.writeMsPerUpdate));
      const middle = contestant.latencies.slice().sort((a, b) => a.p50 - b.p50)[Math.floor((contestant.latencies.length - 1) / 2)];
      runs.push({
        label: spec.label,
        kind: spec.kind,
        storage: spec.storage,
        ...(spec.experiment ? { experiment: spec.experiment } : {}),
        ...(spec.baseline ? { baseline: spec.baseline } : {}),
        slices,
        throughput: {
          updates: slices.reduce((sum, slice) => sum + slice.updates, 0),
          updatesPerSecond: median(slices.map((slice) => slice.updatesPerSecond)),
          cpuMsPerUpdate: median(slices.map((slice) => slice.cpuMsPerUpdate)),
          generatorCpuMsPerUpdate: median(slices.map((slice) => slice.generatorCpuMsPerUpdate)),
          latencies: middle ?? { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 },
          ...(writes !== undefined ? { writesPerUpdate: writes } : {}),
          ...(writeMs !== undefined ? { writeMsPerUpdate: writeMs } : {}),
        },
        ...(contestant.open ? { openLoop: contestant.open } : {}),
        memory: { idleRssMb: mb(contestant.idleRss), peakRssMb: mb(contestant.peakRss) },
        health: {
          non200: client.failures(),
          statuses: Object.fromEntries([...client.statuses].map(([status, count]) => [String(status), count])),
          doubleFaults: doubleFaults(double),
          faultSamples: doubleFaultSamples(double),
          redundantEdits: redundantEdits(double),
          rateLimited: rateLimited(double),
          loggedErrors: sut.logCounts.error,
          sessions: { ...contestant.workload.stats },
          messagesSent: double.sentMessages.length,
          messagesEdited: double.calls.filter((call) => call.ok && call.method === "editMessageText" && Number(call.params["chat_id"]) > 0).length,
          apiCallsPerUpdate: callsPerUpdate(
            double,
            sizes.warmupUpdates + slices.reduce((sum, slice) => sum + slice.updates, 0) + (contestant.open?.updates ?? 0),
          ),
        },
      });
    }
    return runs;
  } finally {
    for (const contestant of contestants) {
      await contestant.sut.stop().catch(() => undefined);
      contestant.client.close();
    }
    for (const double of doubles) await double.close();
    for (const redis of redisServers) await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
