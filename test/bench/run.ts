/**
 * `npm run bench` (`-- --quick` for a smaller run): measures Viche against the bare grammY bot and
 * the platforms' limits, prints a table with each target and whether it holds, and writes every
 * figure to test/bench/results.json (or --out=<file>).
 *
 * Options: --quick, --only=engine,growth,search,delivery,instances,herd,roundtrips,experiments, --baseline=<git ref>
 * (adds that commit's build on SQLite to the engine, measured in the same rounds), --profile
 * (re-runs the engine and growth under node --cpu-prof and summarises the profiles),
 * --experiments (side-by-side runs that measured fixes before they landed: SQLite FULL vs NORMAL,
 * the worker's scheduling; opt-in, since both fixes are in place now).
 *
 * Every figure is either a count or a ratio of two measurements taken side by side in this run;
 * the absolute times printed are for reading, not for judging (the machine is shared).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { buildBaseline, buildSut, ROOT, type SutBuild } from "./build.js";
import { broadcastRun, groupBurstRun, simulatedBursts, type DeliveryRun } from "./delivery.js";
import { ENGINE_SIZES, engineRuns } from "./engine.js";
import { growthPoint, GROWTH_SIZES, type GrowthPoint } from "./growth.js";
import { herdRows, herdRun, HERD_SIZES } from "./herd.js";
import { instancesRun } from "./instances.js";
import { roundTripRows, roundTrips } from "./roundtrips.js";
import { redisFootprint } from "./populate.js";
import { formatSummary, profilesIn, summariseProfile } from "./profile.js";
import { deliveryRows, engineRows, experimentRows, formatTable, growthRows, instancesRows, searchRows, type Results, type Row } from "./report.js";
import { searchScenario } from "./search.js";
import { workerExperiment } from "./worker-experiment.js";
import type { BenchContext } from "./stage.js";
import { startRedisServer } from "../helpers/redis-server.js";

function parseArgs(argv: string[]) {
  const only = argv
    .find((arg) => arg.startsWith("--only="))
    ?.slice(7)
    .split(",");
  const out = argv.find((arg) => arg.startsWith("--out="))?.slice(6);
  return {
    quick: argv.includes("--quick"),
    profile: argv.includes("--profile"),
    experiments: argv.includes("--experiments"),
    baseline: argv.find((arg) => arg.startsWith("--baseline="))?.slice(11),
    only: only ? new Set(only) : undefined,
    out: out ?? join(ROOT, "test/bench/results.json"),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.quick ? "quick" : "full";
  const wants = (name: string) => !args.only || args.only.has(name);
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const build = await buildSut();
  const baseline: SutBuild | undefined = args.baseline ? await buildBaseline(args.baseline) : undefined;
  const context: BenchContext = { entry: build.entry, quick: args.quick, log };
  const cpuInfo = cpus();
  const results: { -readonly [K in keyof Results]: Results[K] } = {
    startedAt: new Date().toISOString(),
    mode,
    machine: { cpus: cpuInfo.length, model: cpuInfo[0]?.model ?? "", memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    seconds: 0,
    table: [],
  };
  const table: Row[] = [];
  try {
    if (wants("engine")) {
      log("1 engine: bare grammY bot vs Viche (SQLite, Redis)");
      const runs = await engineRuns(
        context,
        [
          { label: "bare grammY", kind: "bare", storage: "none" },
          { label: "Viche on SQLite", kind: "viche", storage: "sqlite" },
          { label: "Viche on Redis", kind: "viche", storage: "redis" },
          ...(baseline && args.baseline
            ? [
                {
                  label: `Viche on SQLite at ${args.baseline}`,
                  kind: "viche" as const,
                  storage: "sqlite" as const,
                  entry: baseline.entry,
                  baseline: args.baseline,
                },
              ]
            : []),
        ],
        ENGINE_SIZES[mode],
      );
      results.engine = runs;
      table.push(...engineRows(runs));
    }
    if (wants("growth")) {
      log("2 growth: 1k / 10k / 100k residents");
      const sizes = GROWTH_SIZES[mode];
      const points: GrowthPoint[] = [];
      for (const residents of sizes.populations) points.push(await growthPoint(context, residents, sizes));
      let redis: Awaited<ReturnType<typeof redisFootprint>> | undefined;
      const server = await startRedisServer();
      if (server) {
        try {
          redis = await redisFootprint(server.url, args.quick ? 2000 : 10_000);
        } finally {
          await server.stop();
        }
      }
      results.growth = { points, ...(redis ? { redis } : {}) };
      table.push(...growthRows(points, redis));
    }
    if (wants("search")) {
      log("3 answers: programme search, bundled and 50×");
      results.search = searchScenario(args.quick);
      table.push(...searchRows(results.search));
    }
    if (wants("delivery")) {
      log("4 delivery: group burst and broadcast at the limits");
      const simulated = simulatedBursts(500);
      const runs: DeliveryRun[] = [];
      runs.push(await groupBurstRun(context, args.quick ? 20 : 40));
      runs.push(await broadcastRun(context, args.quick ? 300 : 900, 1));
      runs.push(await broadcastRun(context, args.quick ? 2000 : 10_000, 10));
      results.delivery = { simulated, runs };
      table.push(...deliveryRows(results.delivery));
    }
    if (wants("instances")) {
      log("5 two instances on Redis");
      const updates = args.quick ? 2000 : 5000;
      const maxMs = args.quick ? 15_000 : 30_000;
      results.instances = [await instancesRun(context, 1, updates, maxMs), await instancesRun(context, 2, updates, maxMs)];
      table.push(...instancesRows(results.instances));
    }
    if (wants("herd")) {
      log("6 herd: residents press a broadcast's button at once");
      const sizes = HERD_SIZES[mode];
      results.herd = await herdRun(context, sizes);
      table.push(...herdRows(results.herd, sizes));
    }
    if (wants("roundtrips")) {
      log("7 storage operations per update");
      results.roundTrips = await roundTrips();
      table.push(...roundTripRows(results.roundTrips));
    }
    if (args.experiments && wants("experiments")) {
      log("experiments: SQLite synchronous FULL vs NORMAL, side by side");
      const runs = await engineRuns(
        context,
        [
          { label: "Viche on SQLite, synchronous FULL (today)", kind: "viche", storage: "sqlite", experiment: "count-writes" },
          { label: "Viche on SQLite, synchronous NORMAL", kind: "viche", storage: "sqlite", experiment: "count-writes,sqlite-normal" },
          { label: "bare grammY", kind: "bare", storage: "none" },
        ],
        { ...ENGINE_SIZES[mode], rate: 0, openLoopMs: 0 },
      );
      log("experiments: outbox worker scheduling at the overall limit, today vs proposed");
      const messages = args.quick ? 300 : 900;
      const worker = [await workerExperiment(messages, false), await workerExperiment(messages, true)];
      results.experiments = { engine: runs, worker };
      table.push(...experimentRows(runs, worker));
    }
    if (args.profile) {
      log("profiles: Viche on SQLite and on Redis (engine), and at the largest growth size");
      const profileDir = mkdtempSync(join(tmpdir(), "viche-bench-profiles-"));
      log(`profiles are written to ${profileDir}`);
      const profiled: BenchContext = { ...context, profileDir };
      const sizes = { ...ENGINE_SIZES.quick, rate: 0, openLoopMs: 0, rounds: 2, sliceUpdates: 1500 };
      await engineRuns(profiled, [{ label: "profile sqlite", kind: "viche", storage: "sqlite", profileName: "engine-sqlite" }], sizes);
      await engineRuns(
        profiled,
        [{ label: "profile sqlite normal", kind: "viche", storage: "sqlite", profileName: "engine-sqlite-normal", experiment: "sqlite-normal" }],
        sizes,
      );
      await engineRuns(profiled, [{ label: "profile redis", kind: "viche", storage: "redis", profileName: "engine-redis" }], sizes);
      await engineRuns(profiled, [{ label: "profile bare", kind: "bare", storage: "none", profileName: "engine-bare" }], sizes);
      const growthSizes = GROWTH_SIZES[mode];
      await growthPoint(profiled, growthSizes.populations.at(-1) ?? 10_000, { ...growthSizes, mixedUpdates: 600, flowResidents: 6 }, "growth-largest");
      results.profiles = profilesIn(profileDir).map((file) => summariseProfile(file, 25));
      for (const summary of results.profiles) process.stdout.write(`${formatSummary(summary)}\n\n`);
    }
  } finally {
    build.remove();
    baseline?.remove();
  }
  results.seconds = Math.round((performance.now() - started) / 1000);
  results.table = table;
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\nViche benchmark (${mode}, ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}, ${results.seconds} s)\n\n${formatTable(table)}\n\nAll figures: ${args.out}\n`,
  );
  const missed = table.filter((row) => row.holds === false).length;
  process.stdout.write(`${table.filter((row) => row.holds === true).length} targets held, ${missed} missed\n`);
}

await main();
