/**
 * Scenario 6, the herd: the minute after a broadcast, when the residents who got it press its
 * button at once. `residents` residents (stored, each with a report) press "☰ Menu" under the
 * broadcast (one in five presses "no more news"), offered as fast as the webhook takes them:
 * closed loop over Telegram's default 40 webhook connections. The Bot API double enforces
 * Telegram's real limits (about 30 messages a second overall, 1 a second per chat) and Viche runs
 * with its real pacing, so any 429 it provokes is counted.
 *
 * Measured: every press answered (HTTP 200 carrying answerCallbackQuery: the button stops
 * spinning), arrival-to-answer latency, 429s, the peak RSS against idle, and what became of the
 * replies (sent at once within the limit, or waiting in the outbox, paced).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import type { Sut } from "./child.js";
import { percentiles, WEBHOOK_SECRET, type Latencies } from "./load.js";
import { populateSqlite } from "./populate.js";
import { fmt, type Row } from "./report.js";
import { doubleFaults, mb, rateLimited, sampleRss, startDouble, startMeasured, waitForOutbox, type BenchContext } from "./stage.js";
import { callbackUpdate } from "./workload.js";

/** Sizes of the herd. */
export interface HerdSizes {
  readonly residents: number;
  /** Telegram opens at most this many webhook connections (max_connections, default 40). */
  readonly connections: number;
  /** The herd's window: the presses should all be taken within it. */
  readonly windowMs: number;
  /** Hard stop for the whole herd. */
  readonly maxMs: number;
  /** Afterwards, wait this long for the outbox to deliver every waiting reply (0: do not wait). */
  readonly drainMs: number;
}

/** Full and quick sizes. */
export const HERD_SIZES = {
  full: { residents: 20_000, connections: 40, windowMs: 60_000, maxMs: 180_000, drainMs: 0 },
  quick: { residents: 5_000, connections: 40, windowMs: 15_000, maxMs: 60_000, drainMs: 0 },
} as const satisfies Record<string, HerdSizes>;

/** What the herd measured. */
export interface HerdRun {
  readonly residents: number;
  readonly presses: number;
  /** Answered 200 with answerCallbackQuery in the body. */
  readonly answered: number;
  readonly non200: number;
  readonly seconds: number;
  readonly pressesPerSecond: number;
  /** From the moment a press was offered to its answer. */
  readonly latencies: Latencies;
  readonly rateLimited: number;
  readonly doubleFaults: number;
  readonly loggedErrors: number;
  /** Replies the double received during the herd, and their rate. */
  readonly repliesSent: number;
  readonly repliesPerSecond: number;
  /** Replies waiting in the outbox when the herd ended (paced at the overall limit). */
  readonly repliesQueued: number;
  /** With drainMs: residents who got their reply once the outbox was empty (else undefined). */
  readonly residentsWithReply?: number;
  readonly memory: { readonly idleRssMb: number; readonly peakRssMb: number };
}

const BROADCAST_MESSAGE_ID = 900;

/** POSTs one update; resolves with the status and the answer's body. */
function post(agent: Agent, port: number, update: Update): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(update);
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/telegram",
        method: "POST",
        agent,
        timeout: 30_000,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", () => resolve({ status: 0, body: "" }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, body: "" }));
    req.end(body);
  });
}

/** Runs the herd against Viche on SQLite with `sizes.residents` residents stored. */
export async function herdRun(context: BenchContext, sizes: HerdSizes): Promise<HerdRun> {
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-herd-"));
  const path = join(dir, "bot.sqlite");
  const base = 40_000_000;
  const double = await startDouble({ globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 });
  let sut: Sut | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: sizes.connections, maxFreeSockets: sizes.connections });
  try {
    context.log(`  herd: storing ${sizes.residents} residents`);
    await populateSqlite(path, { count: sizes.residents, base, seed: 5, now: Date.now() });
    for (let i = 0; i < sizes.residents; i += 1) double.addPrivateChat({ id: base + i, first_name: `Мешканець ${i}`, language_code: "uk" });
    sut = await startMeasured(context, { kind: "viche", double, storageUrl: `sqlite://${path}`, pacing: "platform" });
    const measured = sut;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = await measured.usage();
    const callsBefore = double.calls.length;
    const rss = sampleRss(measured);
    context.log(`  herd: ${sizes.residents} presses, ${sizes.connections} connections`);
    const latencies: number[] = [];
    let next = 0;
    let answered = 0;
    let non200 = 0;
    const started = performance.now();
    const deadline = started + sizes.maxMs;
    const connection = async () => {
      while (next < sizes.residents && performance.now() < deadline) {
        const i = next++;
        const id = base + i;
        const resident = { id, firstName: `Мешканець ${i}`, languageCode: "uk" as const, nextMessageId: 1 };
        const broadcast = {
          message_id: BROADCAST_MESSAGE_ID,
          from: { id: 1, is_bot: true, first_name: "Viche" },
          chat: { id, type: "private" },
          date: 0,
          text: "…",
        };
        const update = callbackUpdate(resident, i % 5 === 4 ? "optout" : "menu", broadcast as never);
        const offered = performance.now();
        const answer = await post(agent, measured.port, update);
        latencies.push(performance.now() - offered);
        if (answer.status !== 200) non200 += 1;
        else if (answer.body.includes('"answerCallbackQuery"')) answered += 1;
      }
    };
    await Promise.all(Array.from({ length: sizes.connections }, connection));
    const seconds = (performance.now() - started) / 1000;
    const herdCalls = double.calls.slice(callsBefore);
    const repliesSent = herdCalls.filter((call) => call.method === "sendMessage" && call.ok).length;
    const outbox = await measured.request({ type: "outbox" }, "outbox");
    let residentsWithReply: number | undefined;
    if (sizes.drainMs > 0) {
      await waitForOutbox(measured, sizes.drainMs);
      residentsWithReply = 0;
      for (let i = 0; i < sizes.residents; i += 1) if (double.messagesTo(base + i).length > 0) residentsWithReply += 1;
    }
    const peak = await rss.stop();
    const presses = latencies.length;
    return {
      residents: sizes.residents,
      presses,
      answered,
      non200,
      seconds,
      pressesPerSecond: presses / seconds,
      latencies: percentiles(latencies),
      rateLimited: rateLimited(double),
      doubleFaults: doubleFaults(double),
      loggedErrors: measured.logCounts.error,
      repliesSent,
      repliesPerSecond: repliesSent / seconds,
      repliesQueued: outbox.pendingItems,
      ...(residentsWithReply !== undefined ? { residentsWithReply } : {}),
      memory: { idleRssMb: mb(idle.rss), peakRssMb: mb(peak) },
    };
  } finally {
    agent.destroy();
    await sut?.stop().catch(() => undefined);
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Table rows for the herd. */
export function herdRows(run: HerdRun, sizes: HerdSizes): Row[] {
  const within = run.seconds * 1000 <= sizes.windowMs;
  const l = run.latencies;
  return [
    {
      section: "6 herd",
      metric: `${run.residents} residents press a broadcast's button (${sizes.connections} connections, true limits): answered / presses, in s (${fmt(run.pressesPerSecond, 0)}/s)`,
      value: `${run.answered} / ${run.presses} in ${fmt(run.seconds, 1)} s`,
      target: `all, within ${sizes.windowMs / 1000} s`,
      holds: run.answered === run.residents && run.non200 === 0 && within,
    },
    {
      section: "6 herd",
      metric: "arrival to answer (button stops spinning), p50 / p99 / max ms",
      value: `${fmt(l.p50, 1)} / ${fmt(l.p99, 1)} / ${fmt(l.max, 0)}`,
      target: "p99 < 1000 ms",
      holds: l.p99 < 1000,
    },
    {
      section: "6 herd",
      metric: "429s provoked | double's other refusals | logged errors",
      value: `${run.rateLimited} | ${run.doubleFaults} | ${run.loggedErrors}`,
      target: "0 | 0 | 0",
      holds: run.rateLimited === 0 && run.doubleFaults === 0 && run.loggedErrors === 0,
    },
    {
      section: "6 herd",
      metric: "replies sent during the herd (per s) | waiting in the outbox, paced, at its end",
      value: `${run.repliesSent} (${fmt(run.repliesPerSecond, 1)}/s) | ${run.repliesQueued}`,
      target: "",
      holds: undefined,
    },
    {
      section: "6 herd",
      metric: "RSS idle / peak during the herd, MB",
      value: `${run.memory.idleRssMb} / ${run.memory.peakRssMb}`,
      target: "peak ≤ 300",
      holds: run.memory.peakRssMb <= 300,
    },
  ];
}
