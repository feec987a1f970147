/**
 * Keeps the benchmark from rotting: runs each scenario's smallest form with tiny counts and checks
 * counts only (every update answered, every message delivered once, nothing lost), never timings.
 * The benchmark itself is `npm run bench`, not part of `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisServerInstalled } from "../helpers/redis-server.js";
import { pairedRuns } from "./ab.js";
import { buildSut, type SutBuild } from "./build.js";
import { broadcastRun, groupBurstRun, simulatedBursts } from "./delivery.js";
import { engineRuns } from "./engine.js";
import { GROWTH_SIZES, growthPoint } from "./growth.js";
import { herdRun } from "./herd.js";
import { instancesRun } from "./instances.js";
import { formatTable, markdownTable } from "./report.js";
import { searchRun } from "./search.js";
import type { BenchContext } from "./stage.js";
import { fileURLToPath } from "node:url";

const TINY = { residents: 30, connections: 4, warmupUpdates: 10, sliceUpdates: 20, rounds: 2, sliceMaxMs: 20_000, rate: 20, openLoopMs: 1000 };

describe("benchmark harness (tiny counts)", () => {
  let build: SutBuild;
  let context: BenchContext;

  beforeAll(async () => {
    build = await buildSut();
    context = { entry: build.entry, quick: true, log: () => undefined };
  }, 60_000);

  afterAll(() => build?.remove());

  it("engine: every update to Viche and to the bare bot is answered 200 and replied to", async () => {
    const [viche, bare] = await engineRuns(
      context,
      [
        { label: "viche", kind: "viche", storage: "sqlite" },
        { label: "bare", kind: "bare", storage: "none" },
      ],
      TINY,
    );
    const updates = TINY.rounds * TINY.sliceUpdates;
    for (const run of [viche, bare]) {
      expect(run?.throughput.updates).toBe(updates);
      expect(run?.openLoop?.updates).toBe(TINY.rate * (TINY.openLoopMs / 1000));
      expect(run?.openLoop?.unanswered).toBe(0);
      expect(run?.health).toMatchObject({ non200: 0, doubleFaults: 0, rateLimited: 0, loggedErrors: 0 });
      expect(run?.health.sessions.divergences).toBe(0);
    }
    const sent = TINY.warmupUpdates + updates + TINY.rate * (TINY.openLoopMs / 1000);
    // Viche answers every update with at least one message, or by ticking the pressed message in
    // place (a volunteer's multi-select: whether one falls in a run depends on timing); the echo bot
    // with exactly one message.
    expect((viche?.health.messagesSent ?? 0) + (viche?.health.messagesEdited ?? 0)).toBeGreaterThanOrEqual(sent);
    expect(bare?.health.messagesSent).toBe(sent);
  }, 90_000);

  it("ab: two builds of Viche in paired rounds answer every update, one ratio per round", async () => {
    // This checkout against itself (the script builds another commit; the pairing is the same).
    const result = await pairedRuns(context, build.entry, "itself", TINY);
    expect(result.throughput).toHaveLength(TINY.rounds);
    expect(result.cpu.every((ratio) => ratio > 0 && Number.isFinite(ratio))).toBe(true);
    for (const run of result.runs) {
      expect(run.throughput.updates).toBe(TINY.rounds * TINY.sliceUpdates);
      expect(run.health).toMatchObject({ non200: 0, doubleFaults: 0, rateLimited: 0, loggedErrors: 0 });
    }
  }, 90_000);

  it("growth: a populated store, the mixed load and each complaint step run without a fault", async () => {
    const point = await growthPoint(context, 200, {
      ...GROWTH_SIZES.quick,
      populations: [200],
      warmupUpdates: 10,
      mixedUpdates: 40,
      flowResidents: 3,
      mixedMaxMs: 20_000,
    });
    // Nine steps since the place step keeps an unlisted place with its own button (issue 14).
    expect(point.steps.map((step) => step.updates)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(point.mixed.updates).toBe(40);
    expect(point.scans.reportsInJoinWindow).toBeGreaterThan(0);
    // The daily idle digest's scan ran in the measured process and found the populated idle reports.
    expect(point.idleReports).toBeGreaterThan(0);
    expect(point.storage.bytesPerResidentWithReport).toBeGreaterThan(0);
    expect(point.startMs).toBeGreaterThan(0);
    expect(point.health).toMatchObject({ non200: 0, doubleFaults: 0, loggedErrors: 0 });
    expect(point.health.sessions.divergences).toBe(0);
  }, 90_000);

  it("answers: the search answers the residents' questions on the bundled content", () => {
    const run = searchRun("bundled", fileURLToPath(new URL("../../locales/content", import.meta.url)), 1);
    expect(run.questions).toBeGreaterThan(100);
    expect(run.answered).toBeGreaterThan(run.questions / 2);
  });

  it("delivery: cards and a broadcast reach the double once each, none lost, at the double's limits", async () => {
    // Through the real pacer at Telegram's true limits (1 a second to a chat, 20 a minute to a group): no 429.
    for (const simulated of simulatedBursts(45)) expect(simulated).toMatchObject({ lost: 0, rateLimited: 0 });
    const group = await groupBurstRun(context, 3);
    expect(group).toMatchObject({ expected: 3, delivered: 3, duplicates: 0, lost: 0, pending: 0, failed: 0 });
    const broadcast = await broadcastRun(context, 40, 10);
    expect(broadcast).toMatchObject({ expected: 40, delivered: 40, duplicates: 0, lost: 0, pending: 0, failed: 0, rateLimited: 0 });
  }, 90_000);

  it("herd: residents pressing a broadcast's button at once are all answered, none provokes a 429, every reply arrives", async () => {
    // 150 presses at once against Telegram's true limits (30 a second overall): most replies wait in
    // the outbox and go out paced within about five seconds.
    const run = await herdRun(context, { residents: 150, connections: 40, windowMs: 60_000, maxMs: 30_000, drainMs: 30_000 });
    expect(run).toMatchObject({ presses: 150, answered: 150, non200: 0, rateLimited: 0, doubleFaults: 0, loggedErrors: 0, residentsWithReply: 150 });
    expect(run.repliesQueued).toBeGreaterThan(0);
  }, 90_000);

  it.skipIf(!redisServerInstalled())(
    "two instances: both Viche processes on one Redis answer every update",
    async () => {
      const run = await instancesRun(context, 2, 40, 20_000);
      expect(run.updates).toBe(40);
      expect(run.health).toMatchObject({ non200: 0, doubleFaults: 0, loggedErrors: 0 });
      expect(run.health.sessions.divergences).toBe(0);
    },
    90_000,
  );

  it("the table renders every row with its verdict", () => {
    const rows = [
      { section: "1 engine", metric: "ratio", value: "0.6", target: "≥ 0.5", holds: true },
      { section: "1 engine", metric: "info", value: "1", target: "", holds: undefined },
    ];
    expect(formatTable(rows)).toContain("✅ holds");
    expect(markdownTable(rows).split("\n")).toHaveLength(4);
  });
});
