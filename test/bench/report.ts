/** The benchmark's table: one row per figure, with its target and whether it holds. */
import type { DeliveryRun, SimulatedBurst } from "./delivery.js";
import type { EngineRun } from "./engine.js";
import type { GrowthPoint } from "./growth.js";
import type { HerdRun } from "./herd.js";
import type { InstancesRun } from "./instances.js";
import type { redisFootprint } from "./populate.js";
import type { ProfileSummary } from "./profile.js";
import type { RoundTrips } from "./roundtrips.js";
import type { SearchRun } from "./search.js";
import type { WorkerExperiment } from "./worker-experiment.js";

/** One line of the table. */
export interface Row {
  readonly section: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  /** undefined = information only. */
  readonly holds: boolean | undefined;
}

/** Everything a run produced. */
export interface Results {
  readonly startedAt: string;
  readonly mode: "full" | "quick";
  readonly machine: { readonly cpus: number; readonly model: string; readonly memoryGb: number; readonly node: string };
  readonly seconds: number;
  readonly table: Row[];
  readonly engine?: EngineRun[];
  readonly growth?: { points: GrowthPoint[]; redis?: Awaited<ReturnType<typeof redisFootprint>> };
  readonly search?: SearchRun[];
  readonly delivery?: { simulated: SimulatedBurst[]; runs: DeliveryRun[] };
  readonly instances?: InstancesRun[];
  readonly herd?: HerdRun;
  readonly roundTrips?: RoundTrips[];
  readonly experiments?: { engine: EngineRun[]; worker: WorkerExperiment[] };
  readonly profiles?: ProfileSummary[];
}

export const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

/** Per-round ratios of two processes' slices (taken seconds apart), and their median. */
export function roundRatios(a: EngineRun | undefined, b: EngineRun | undefined, value: (slice: EngineRun["slices"][number]) => number): number[] {
  if (!a || !b) return [];
  return a.slices.map((slice, i) => {
    const other = b.slices[i];
    return other ? value(slice) / value(other) : NaN;
  });
}

/** Table rows for the engine: bare grammY, Viche on SQLite and on Redis, loaded in turn. */
export function engineRows(runs: EngineRun[]): Row[] {
  const rows: Row[] = [];
  const bare = runs.find((run) => run.kind === "bare");
  const sqlite = runs.find((run) => run.kind === "viche" && run.storage === "sqlite" && !run.baseline);
  const redis = runs.find((run) => run.kind === "viche" && run.storage === "redis" && !run.baseline);
  const baseline = runs.find((run) => run.kind === "viche" && run.baseline);
  const list = (values: number[], digits = 2) => values.map((value) => fmt(value, digits)).join(" ");
  const ups = roundRatios(sqlite, bare, (slice) => slice.updatesPerSecond);
  const redisUps = roundRatios(redis, bare, (slice) => slice.updatesPerSecond);
  const cpu = roundRatios(sqlite, bare, (slice) => slice.cpuMsPerUpdate);
  const redisCpu = roundRatios(redis, bare, (slice) => slice.cpuMsPerUpdate);
  for (const run of [bare, sqlite, redis, baseline]) {
    if (!run) continue;
    rows.push({
      section: "1 engine",
      metric: `${run.label}: updates/s (closed loop, 32 connections; median of ${run.slices.length} slices) | CPU ms per update`,
      value: `${fmt(run.throughput.updatesPerSecond, 0)} | ${fmt(run.throughput.cpuMsPerUpdate, 3)}`,
      target: "",
      holds: undefined,
    });
  }
  if (ups.length > 0)
    rows.push({
      section: "1 engine",
      metric: "Viche on SQLite / bare, updates/s: median (each round)",
      value: `${fmt(median(ups))} (${list(ups)})`,
      target: "≥ 0.6",
      holds: median(ups) >= 0.6,
    });
  if (redisUps.length > 0)
    rows.push({
      section: "1 engine",
      metric: "Viche on Redis / bare, updates/s: median (each round)",
      value: `${fmt(median(redisUps))} (${list(redisUps)})`,
      target: "",
      holds: undefined,
    });
  if (cpu.length > 0)
    rows.push({
      section: "1 engine",
      metric: "CPU per update / bare's: SQLite | Redis (medians; each round for SQLite)",
      value: `${fmt(median(cpu), 2)} | ${redisCpu.length ? fmt(median(redisCpu), 2) : "-"} (${list(cpu)})`,
      target: "SQLite ≤ 2",
      holds: median(cpu) <= 2,
    });
  const redisOverSqlite = roundRatios(redis, sqlite, (slice) => slice.updatesPerSecond);
  if (redisOverSqlite.length > 0)
    rows.push({
      section: "1 engine",
      metric: "Viche on Redis / on SQLite, updates/s: median (each round)",
      value: `${fmt(median(redisOverSqlite))} (${list(redisOverSqlite)})`,
      target: "≥ 0.8",
      holds: median(redisOverSqlite) >= 0.8,
    });
  const overBaseline = roundRatios(sqlite, baseline, (slice) => slice.updatesPerSecond);
  const cpuOverBaseline = roundRatios(sqlite, baseline, (slice) => slice.cpuMsPerUpdate);
  if (baseline && overBaseline.length > 0)
    rows.push({
      section: "1 engine",
      metric: `this checkout / ${baseline.baseline} on SQLite: updates/s | CPU per update, medians (each round's updates/s)`,
      value: `${fmt(median(overBaseline))} | ${fmt(median(cpuOverBaseline))} (${list(overBaseline)})`,
      target: "",
      holds: undefined,
    });
  for (const run of runs) {
    if (!run.openLoop) continue;
    const viche = run.kind === "viche";
    rows.push({
      section: "1 engine",
      metric: `${run.label}: latency at ${run.openLoop.rate} updates/s open loop, p50 / p99 ms (POST answered = reply sent)`,
      value: `${fmt(run.openLoop.latencies.p50, 1)} / ${fmt(run.openLoop.latencies.p99, 1)}${run.openLoop.unanswered ? ` (${run.openLoop.unanswered} unanswered)` : ""}`,
      target: viche ? "p99 < 50 ms" : "",
      holds: viche ? run.openLoop.latencies.p99 < 50 && run.openLoop.unanswered === 0 : undefined,
    });
  }
  for (const run of runs) {
    const viche = run.kind === "viche";
    rows.push({
      section: "1 engine",
      metric: `${run.label}: RSS idle / peak under load, MB`,
      value: `${run.memory.idleRssMb} / ${run.memory.peakRssMb}`,
      target: viche ? "idle ≤ 150" : "",
      holds: viche ? run.memory.idleRssMb <= 150 : undefined,
    });
  }
  const bad = runs.reduce((sum, run) => sum + run.health.non200 + run.health.doubleFaults + run.health.loggedErrors + run.health.sessions.divergences, 0);
  // Where they came from, so that a failed run says what to look at (status 0: no answer).
  const where = runs
    .filter((run) => run.health.non200 > 0)
    .map((run) => {
      const statuses = Object.entries(run.health.statuses).filter(([status]) => status !== "200");
      return `${run.label}: ${statuses.map(([status, count]) => `${count}× ${status === "0" ? "no answer" : `HTTP ${status}`}`).join(", ")}`;
    });
  rows.push({
    section: "1 engine",
    metric: "non-200 answers + double refusals + logged errors + script divergences (all processes)",
    value: where.length > 0 ? `${bad} (${where.join("; ")})` : String(bad),
    target: "0",
    holds: bad === 0,
  });
  rows.push({
    section: "1 engine",
    metric: "Bot API calls per update: " + runs.map((run) => run.label).join(" | "),
    value: runs
      .map((run) =>
        Object.entries(run.health.apiCallsPerUpdate)
          .map(([method, n]) => `${method} ${fmt(n)}`)
          .join(", "),
      )
      .join(" | "),
    target: "",
    holds: undefined,
  });
  const redundant = runs.reduce((sum, run) => sum + run.health.redundantEdits, 0);
  rows.push({
    section: "1 engine",
    metric: 'card edits that changed nothing (400 "message is not modified"), all processes',
    value: String(redundant),
    target: "",
    holds: undefined,
  });
  return rows;
}

export function growthRows(points: GrowthPoint[], redis: Awaited<ReturnType<typeof redisFootprint>> | undefined): Row[] {
  const rows: Row[] = [];
  const first = points[0];
  const last = points.at(-1);
  for (const point of points) {
    const step1 = point.steps.find((step) => step.step === "menu: complaint");
    const description = point.steps.find((step) => step.step === "description");
    const send = point.steps.find((step) => step.step === "send");
    rows.push({
      section: "2 growth",
      metric: `${point.residents} residents (${point.scans.reportsInJoinWindow} reports in the 30-day join window): CPU ms/update mixed | complaint step 1 / description / last (send)`,
      value: `${fmt(point.mixed.cpuMsPerUpdate, 2)} | ${fmt(step1?.cpuMsPerUpdate ?? NaN, 2)} / ${fmt(description?.cpuMsPerUpdate ?? NaN, 1)} / ${fmt(send?.cpuMsPerUpdate ?? NaN, 2)}`,
      target: "",
      holds: undefined,
    });
  }
  if (first && last && last !== first) {
    const growth = last.mixed.cpuMsPerUpdate / first.mixed.cpuMsPerUpdate;
    rows.push({
      section: "2 growth",
      metric: `CPU per update (mixed), ${last.residents} / ${first.residents} residents`,
      value: fmt(growth, 1),
      target: "< 2",
      holds: growth < 2,
    });
    const steps = last.steps.map((step) => {
      const base = first.steps.find((s) => s.step === step.step);
      return `${step.step} ${fmt(step.cpuMsPerUpdate / (base?.cpuMsPerUpdate ?? NaN), 1)}`;
    });
    rows.push({ section: "2 growth", metric: `per step, ${last.residents} / ${first.residents}`, value: steps.join(", "), target: "", holds: undefined });
    rows.push({
      section: "2 growth",
      metric: `similar-complaint look-up (description step), ms at ${points.map((p) => p.residents).join(" / ")}: with today's place index | without it (every report of 30 days)`,
      value: `${points.map((p) => fmt(p.scans.similarMs, 2)).join(" / ")} | ${points.map((p) => fmt(p.scans.similarUnindexedMs, 0)).join(" / ")}`,
      target: "",
      holds: undefined,
    });
    rows.push({
      section: "2 growth",
      metric: `daily idle-report digest scan, ms at ${points.map((p) => p.residents).join(" / ")}`,
      value: points.map((p) => fmt(p.scans.idleDigestMs, 0)).join(" / "),
      target: "",
      holds: undefined,
    });
  }
  if (last) {
    rows.push({
      section: "2 growth",
      metric: `SQLite bytes per resident with one report (${last.residents} residents)`,
      value: `${fmt(last.storage.bytesPerResidentWithReport, 0)} (records: resident ${fmt(last.storage.residentRecordBytes, 0)}, report ${fmt(last.storage.reportRecordBytes, 0)})`,
      target: "≤ 4096",
      holds: last.storage.bytesPerResidentWithReport <= 4096,
    });
    rows.push({
      section: "2 growth",
      metric: "bytes kept 26 h per processed update (dedupe record, logical)",
      value: fmt(last.tgUpdateBytesPerUpdate, 0),
      target: "",
      holds: undefined,
    });
    for (const point of points)
      rows.push({
        section: "2 growth",
        metric: `RSS with ${point.residents} residents: idle / after the daily idle digest's scan (${point.idleReports} idle reports) / peak under load, MB`,
        value: `${point.idleRssMb} / ${point.afterIdleScanRssMb} / ${point.peakRssMb}`,
        target: "idle ≤ 150",
        holds: point.idleRssMb <= 150,
      });
    for (const point of points)
      rows.push({
        section: "2 growth",
        metric: `start to ready (process start to webhook set and serving) with ${point.residents} residents stored, ms`,
        value: fmt(point.startMs, 0),
        target: "< 2000",
        holds: point.startMs < 2000,
      });
  }
  if (redis)
    rows.push({
      section: "2 growth",
      metric: `Redis bytes per resident with one report (used_memory, ${redis.residents} residents)`,
      value: `${fmt(redis.bytesPerResidentWithReport, 0)} (keys: resident ${fmt(redis.residentKeyBytes, 0)}, report ${fmt(redis.reportKeyBytes, 0)})`,
      target: "≤ 4096",
      holds: redis.bytesPerResidentWithReport <= 4096,
    });
  return rows;
}

export function searchRows(runs: SearchRun[]): Row[] {
  return runs.map((run, i) => ({
    section: "3 answers",
    metric: `${run.label} (${run.items} items, ~${run.distinctWords} words; index built in ${fmt(run.buildMs, 0)} ms): questions/s, p50 / p99 ms`,
    value: `${fmt(run.questionsPerSecond, 0)}, ${fmt(run.latencies.p50, 3)} / ${fmt(run.latencies.p99, 3)}`,
    target: i === 0 ? "p99 < 1 ms" : "p99 < 10 ms",
    holds: run.latencies.p99 < (i === 0 ? 1 : 10),
  }));
}

export function deliveryRows(delivery: NonNullable<Results["delivery"]>): Row[] {
  const rows: Row[] = [];
  for (const run of delivery.runs) {
    const share = run.sends > 0 ? run.rateLimited / run.sends : 0;
    rows.push({
      section: "4 delivery",
      metric: `${run.label}: fraction of limit | 429s / sends | lost`,
      value: `${fmt(run.fractionOfLimit)} (${fmt(run.achievedPerSecond, 1)}/s of ${fmt(run.limitPerSecond, 2)}/s) | ${run.rateLimited} / ${run.sends} (${fmt(share * 100, 1)} %) | ${run.lost}${run.duplicates ? `, ${run.duplicates} duplicates` : ""}`,
      target: "≥ 0.9 | ≤ 1 % | 0",
      holds: run.fractionOfLimit >= 0.9 && share <= 0.01 && run.lost === 0 && run.duplicates === 0,
    });
  }
  for (const sim of delivery.simulated) {
    const share = sim.sends > 0 ? sim.rateLimited / sim.sends : 0;
    rows.push({
      section: "4 delivery",
      metric: `group burst of ${sim.cards} cards, fake clock, true limits, ${sim.pacing}: fraction of limit | 429s / sends | lost`,
      value: `${fmt(sim.fractionOfLimit)} (${sim.minutes} min) | ${sim.rateLimited} / ${sim.sends} (${fmt(share * 100, 1)} %) | ${sim.lost}`,
      target: sim.pacing.includes("proposed") ? "" : "≥ 0.9 | ≤ 1 % | 0",
      holds: sim.pacing.includes("proposed") ? undefined : sim.fractionOfLimit >= 0.9 && share <= 0.01 && sim.lost === 0,
    });
  }
  return rows;
}

export function instancesRows(runs: InstancesRun[]): Row[] {
  const one = runs.find((run) => run.processes === 1);
  const two = runs.find((run) => run.processes === 2);
  const rows: Row[] = runs.map((run) => ({
    section: "5 two instances",
    metric: `${run.processes} Viche process(es) on one Redis: updates/s, CPU ms/update (all processes), p99 ms`,
    value: `${fmt(run.updatesPerSecond, 0)}, ${fmt(run.cpuMsPerUpdate, 2)}, ${fmt(run.p99Ms, 0)}`,
    target: "",
    holds: undefined,
  }));
  if (one && two)
    rows.push({
      section: "5 two instances",
      metric: "two processes / one, updates/s (2 cores shared with Redis and the load generator)",
      value: fmt(two.updatesPerSecond / one.updatesPerSecond),
      target: "",
      holds: undefined,
    });
  const bad = runs.reduce((sum, run) => sum + run.health.non200 + run.health.doubleFaults + run.health.loggedErrors + run.health.sessions.divergences, 0);
  rows.push({
    section: "5 two instances",
    metric: "non-200 + double refusals + logged errors + divergences",
    value: String(bad),
    target: "0",
    holds: bad === 0,
  });
  return rows;
}

export function experimentRows(runs: EngineRun[], worker: WorkerExperiment[] = []): Row[] {
  const rows: Row[] = worker.map((run) => ({
    section: "experiment",
    metric: `outbox worker, ${run.messages} residents due at once, true overall limit (30/s), ${run.variant}: fraction of limit | 429s`,
    value: `${fmt(run.fractionOfLimit)} (${fmt(run.achievedPerSecond, 1)}/s) | ${run.rateLimited}`,
    target: "",
    holds: undefined,
  }));
  return [...rows, ...engineExperimentRows(runs)];
}

function engineExperimentRows(runs: EngineRun[]): Row[] {
  const full = runs.find((run) => run.experiment?.includes("count-writes") && !run.experiment.includes("sqlite-normal"));
  const normal = runs.find((run) => run.experiment?.includes("sqlite-normal"));
  const bare = runs.find((run) => run.kind === "bare");
  if (!full || !normal) return [];
  const normalOverFull = roundRatios(normal, full, (slice) => slice.updatesPerSecond);
  const normalOverBare = roundRatios(normal, bare, (slice) => slice.updatesPerSecond);
  const fullOverBare = roundRatios(full, bare, (slice) => slice.updatesPerSecond);
  return [
    {
      section: "experiment",
      metric: "SQLite writes per update | ms per update inside them: synchronous FULL (today) | NORMAL",
      value: `${fmt(full.throughput.writesPerUpdate ?? NaN, 2)} | ${fmt(full.throughput.writeMsPerUpdate ?? NaN, 3)} | ${fmt(normal.throughput.writeMsPerUpdate ?? NaN, 3)}`,
      target: "",
      holds: undefined,
    },
    {
      section: "experiment",
      metric: "updates/s: FULL | NORMAL | bare (medians, loaded in turn)",
      value: `${fmt(full.throughput.updatesPerSecond, 0)} | ${fmt(normal.throughput.updatesPerSecond, 0)} | ${fmt(bare?.throughput.updatesPerSecond ?? NaN, 0)}`,
      target: "",
      holds: undefined,
    },
    {
      section: "experiment",
      metric: "NORMAL / FULL; FULL / bare; NORMAL / bare (updates/s, medians of rounds)",
      value: `${fmt(median(normalOverFull))}; ${fmt(median(fullOverBare))}; ${fmt(median(normalOverBare))}`,
      target: "",
      holds: undefined,
    },
    {
      section: "experiment",
      metric: "CPU ms per update: FULL | NORMAL | bare",
      value: `${fmt(full.throughput.cpuMsPerUpdate, 3)} | ${fmt(normal.throughput.cpuMsPerUpdate, 3)} | ${fmt(bare?.throughput.cpuMsPerUpdate ?? NaN, 3)}`,
      target: "",
      holds: undefined,
    },
  ];
}

/** The table as text. */
export function formatTable(rows: Row[]): string {
  const mark = (holds: boolean | undefined) => (holds === undefined ? "" : holds ? "✅ holds" : "❌ missed");
  const widths = [10, 88, 46, 20];
  const cut = (text: string, width: number) => (text.length > width ? text : text.padEnd(width));
  const lines = [`${"section".padEnd(widths[0]!)}  ${"metric".padEnd(widths[1]!)}  ${"value".padEnd(widths[2]!)}  ${"target".padEnd(widths[3]!)}  result`];
  for (const row of rows)
    lines.push(
      `${cut(row.section, widths[0]!)}  ${cut(row.metric, widths[1]!)}  ${cut(row.value, widths[2]!)}  ${cut(row.target, widths[3]!)}  ${mark(row.holds)}`,
    );
  return lines.join("\n");
}

/** The table as Markdown (for the README). */
export function markdownTable(rows: Row[]): string {
  const mark = (holds: boolean | undefined) => (holds === undefined ? "" : holds ? "✅ holds" : "❌ missed");
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  return [
    "| | metric | value | target | result |",
    "|---|---|---|---|---|",
    ...rows.map((row) => `| ${row.section} | ${escape(row.metric)} | ${escape(row.value)} | ${escape(row.target)} | ${mark(row.holds)} |`),
  ].join("\n");
}
