/**
 * The process the benchmark measures. BENCH_SUT=viche starts the real Viche (startApp, webhook mode,
 * configured from the environment exactly as src/main.ts does); BENCH_SUT=bare starts the baseline:
 * a grammY bot on node:http (webhookCallback) that answers every update with one sendMessage.
 * The parent talks to it over IPC (see protocol.ts) to read CPU and memory and to drive the outbox.
 */
import { createServer } from "node:http";
import { Bot, webhookCallback } from "grammy";
import type { App } from "../../src/app.js";
import type { PacingLimits } from "../../src/core/outbox/pacing.js";
import type { SutAnswer, SutRequest } from "./protocol.js";

const ORGANISER_ID = 7001;

/**
 * Experiments (BENCH_EXPERIMENT, comma-separated), used only to measure a fix before it is made in
 * src/ — never in the benchmark's own figures:
 *  - sqlite-normal: the SQLite connection gets `synchronous = NORMAL` instead of FULL (WAL mode).
 *  - count-writes: counts SQLite write statements and the time spent in them (see usage.writes).
 */
const experiments = new Set((process.env.BENCH_EXPERIMENT ?? "").split(",").filter(Boolean));
const writes = { count: 0, ms: 0 };
if (experiments.has("sqlite-normal") || experiments.has("count-writes")) {
  const { default: Database } = await import("better-sqlite3");
  if (experiments.has("sqlite-normal")) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this) on each database
    const pragma = Database.prototype.pragma;
    Database.prototype.pragma = function (this: InstanceType<typeof Database>, source: string, options?: { simple?: boolean }) {
      return pragma.call(this, /^\s*synchronous\s*=\s*FULL\s*$/i.test(source) ? "synchronous = NORMAL" : source, options);
    };
  }
  if (experiments.has("count-writes")) {
    const probe = new Database(":memory:");
    const statement = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { run: (...args: unknown[]) => unknown };
    probe.close();
    const run = statement.run;
    statement.run = function (this: unknown, ...args: unknown[]) {
      const started = performance.now();
      try {
        return run.apply(this, args);
      } finally {
        writes.count += 1;
        writes.ms += performance.now() - started;
      }
    };
  }
}

function send(answer: SutAnswer): void {
  process.send?.(answer);
}

function usage(): SutAnswer & { type: "usage" } {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    id: 0,
    type: "usage",
    usage: { user: cpu.user, system: cpu.system, rss: memory.rss, heapUsed: memory.heapUsed, writes: writes.count, writeMs: writes.ms },
  };
}

const SETTLEMENTS = ["Коростишів", "Бердичів", "Новоград-Волинський", "Малин", "Овруч", "Радомишль", "Баранівка", "Черняхів"];
const CATEGORIES = ["roads", "utilities", "water", "lighting", "transport"];

async function startViche(): Promise<{ handle: (request: SutRequest) => Promise<SutAnswer>; stop: () => Promise<void> }> {
  // Loaded here, not at the top, so that the bare bot's process holds grammY only.
  const { startApp } = await import("../../src/app.js");
  const { createConfig } = await import("../../src/config.js");
  const { createLogger } = await import("../../src/logger.js");
  const config = createConfig(process.env);
  const logger = createLogger({ level: config.logLevel, secrets: [config.telegram?.token ?? "", config.telegram?.webhook?.secret ?? ""] });
  const pacing = process.env.BENCH_PACING ? (JSON.parse(process.env.BENCH_PACING) as PacingLimits) : undefined;
  const app: App = await startApp(config, { logger, ...(pacing ? { pacing } : {}) });
  send({ type: "ready", port: app.port ?? 0 });
  let filed = 0;
  return {
    async handle(request) {
      switch (request.type) {
        case "usage":
          return { ...usage(), id: request.id };
        case "cards": {
          // What Core.fileReport does for each complaint: the report, then its card in the outbox.
          const refs: string[] = [];
          for (let i = 0; i < request.count; i += 1) {
            filed += 1;
            const now = Date.now();
            const report = await app.core.reports.create(
              {
                kind: "complaint",
                resident: { channel: "telegram", id: String(90_000_000 + filed) },
                category: CATEGORIES[filed % CATEGORIES.length] ?? "roads",
                settlement: SETTLEMENTS[filed % SETTLEMENTS.length] ?? "Малин",
                text: `Burst complaint ${filed}: яма на дорозі біля будинку ${filed}, не ремонтують уже третій рік`,
                photos: [],
              },
              now,
            );
            await app.outbox.enqueue({ type: "card", ref: report.ref }, now);
            refs.push(report.ref);
          }
          app.worker.wake();
          return { id: request.id, type: "cards", refs };
        }
        case "broadcast": {
          const record = await app.core.broadcasts.create({ text: request.text, audience: { kind: "all" } }, ORGANISER_ID, Date.now());
          await app.scheduler.tick(Date.now()).catch(() => undefined);
          return { id: request.id, type: "broadcast", broadcast: record.id, total: record.total };
        }
        case "broadcast-counts":
          return { id: request.id, type: "broadcast-counts", counts: await app.core.broadcasts.counts(request.broadcast) };
        case "outbox": {
          const lanes = await app.outbox.dueLanes(Number.MAX_SAFE_INTEGER, 100_000);
          let pendingItems = 0;
          let pendingGroupItems = 0;
          for (const lane of lanes) {
            const items = await app.storage.indexSize(`outbox:lane:${lane}`);
            pendingItems += items;
            if (lane === "group") pendingGroupItems += items;
          }
          return {
            id: request.id,
            type: "outbox",
            pendingLanes: lanes.length,
            pendingItems,
            pendingGroupItems,
            failed: (await app.outbox.failed(100_000)).length,
          };
        }
        case "idle-scan": {
          // What the scheduler's first run after 9:00 does once a day (followups.ts flagIdle).
          const { idleReports } = await import("../../src/core/organisers/followups.js");
          const scan = await idleReports(app.core.reports, Date.now(), app.content.organisation.followUp.flagIdleAfterDays, 10);
          return { id: request.id, type: "idle-scan", idle: scan.refs.length };
        }
        case "stop":
          await app.stop(2000);
          return { id: request.id, type: "stopped" };
      }
    },
    stop: () => app.stop(2000),
  };
}

async function startBare(): Promise<{ handle: (request: SutRequest) => Promise<SutAnswer>; stop: () => Promise<void> }> {
  const token = process.env.TELEGRAM_BOT_TOKEN ?? "";
  const bot = new Bot(token, { client: { apiRoot: process.env.TELEGRAM_API_ROOT ?? "" } });
  bot.on("message", (ctx) => ctx.api.sendMessage(ctx.chat.id, ctx.message.text ?? "echo"));
  bot.on("callback_query", (ctx) => ctx.api.sendMessage(ctx.chat?.id ?? ctx.from.id, ctx.callbackQuery.data ?? "echo"));
  await bot.init();
  const handleUpdate = webhookCallback(bot, "http", { secretToken: process.env.TELEGRAM_WEBHOOK_SECRET ?? "" });
  const server = createServer((request, response) => void handleUpdate(request, response));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
  const address = server.address();
  send({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  return {
    async handle(request) {
      if (request.type === "usage") return { ...usage(), id: request.id };
      if (request.type === "stop") {
        await stop();
        return { id: request.id, type: "stopped" };
      }
      return { id: request.id, type: "error", message: `the bare bot has no ${request.type}` };
    },
    stop,
  };
}

const sut = process.env.BENCH_SUT === "bare" ? await startBare() : await startViche();
process.on("message", (request: SutRequest) => {
  sut
    .handle(request)
    .then((answer) => {
      send(answer);
      // Exit through process.exit so that --cpu-prof writes its profile.
      if (answer.type === "stopped") setTimeout(() => process.exit(0), 50);
    })
    .catch((error: unknown) => send({ id: request.id, type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on("disconnect", () => {
  void sut.stop().finally(() => process.exit(0));
});
