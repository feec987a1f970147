/**
 * A change against another commit, precisely: Viche on SQLite from this checkout and from `ref`,
 * each warmed up as in the engine, then loaded in turn in many short rounds (default 60 of 400
 * updates each); the ratio is taken per round and its median reported. The engine's five rounds of
 * 1,500 move by ±10 % here even against the same code; with 60 short rounds the medians of this
 * checkout against itself (A/A) stayed within 2 % of 1, so a cut of a few per cent becomes visible.
 *
 *   npx tsx test/bench/ab.ts <git ref> [rounds] [updates per round]
 */
import { pathToFileURL } from "node:url";
import { buildBaseline, buildSut } from "./build.js";
import { ENGINE_SIZES, engineRuns, type EngineRun, type EngineSizes } from "./engine.js";
import { median, roundRatios } from "./report.js";
import type { BenchContext } from "./stage.js";

/** Per-round ratios of this checkout to the other build, and their medians. */
export interface PairedResult {
  readonly rounds: number;
  readonly updatesPerRound: number;
  /** This checkout's updates/s over the other's, per round. */
  readonly throughput: readonly number[];
  /** This checkout's CPU per update over the other's, per round. */
  readonly cpu: readonly number[];
  readonly medianThroughput: number;
  readonly medianCpu: number;
  readonly runs: readonly [EngineRun, EngineRun];
}

/** Runs this checkout's build (`context.entry`) and `otherEntry` in paired rounds. */
export async function pairedRuns(context: BenchContext, otherEntry: string, otherLabel: string, sizes: EngineSizes): Promise<PairedResult> {
  const [mine, other] = await engineRuns(
    context,
    [
      { label: "this checkout", kind: "viche", storage: "sqlite" },
      { label: otherLabel, kind: "viche", storage: "sqlite", entry: otherEntry, baseline: otherLabel },
    ],
    { ...sizes, rate: 0, openLoopMs: 0 },
  );
  if (!mine || !other) throw new Error("the engine returned fewer runs than asked");
  const throughput = roundRatios(mine, other, (slice) => slice.updatesPerSecond);
  const cpu = roundRatios(mine, other, (slice) => slice.cpuMsPerUpdate);
  return {
    rounds: sizes.rounds,
    updatesPerRound: sizes.sliceUpdates,
    throughput,
    cpu,
    medianThroughput: median(throughput),
    medianCpu: median(cpu),
    runs: [mine, other],
  };
}

async function main(): Promise<void> {
  const [ref, roundsArg, updatesArg] = process.argv.slice(2);
  const rounds = Number(roundsArg ?? 60);
  const updates = Number(updatesArg ?? 400);
  if (!ref || !Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(updates) || updates < 1) {
    process.stderr.write("usage: npx tsx test/bench/ab.ts <git ref> [rounds=60] [updates per round=400]\n");
    process.exit(2);
  }
  const sizes: EngineSizes = { ...ENGINE_SIZES.full, rounds, sliceUpdates: updates };
  const build = await buildSut();
  const other = await buildBaseline(ref);
  try {
    const started = performance.now();
    const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
    const result = await pairedRuns({ entry: build.entry, quick: false, log }, other.entry, ref, sizes);
    const list = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(" ");
    const [mine, theirs] = result.runs;
    const faults = result.runs.reduce((sum, run) => sum + run.health.non200 + run.health.doubleFaults + run.health.loggedErrors, 0);
    process.stdout.write(
      `this checkout / ${ref}, Viche on SQLite, ${result.rounds} rounds of ${result.updatesPerRound} updates\n` +
        `  updates/s: median ${result.medianThroughput.toFixed(3)} (${list(result.throughput)})\n` +
        `  CPU per update: median ${result.medianCpu.toFixed(3)} (${list(result.cpu)})\n` +
        `  CPU ms per update (median of rounds): this checkout ${mine.throughput.cpuMsPerUpdate.toFixed(3)}, ${ref} ${theirs.throughput.cpuMsPerUpdate.toFixed(3)}\n` +
        `  non-200 answers + double refusals + logged errors: ${faults}\n`,
    );
  } finally {
    build.remove();
    other.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
