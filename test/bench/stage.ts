/** What every scenario sets up: the Bot API double, the measured process, memory sampling. */
import { Server } from "node:http";
import type { PacingLimits } from "../../src/core/outbox/pacing.js";
import { startTelegramDouble, type TelegramDouble, type TelegramLimits } from "../doubles/telegram-api.js";
import { startSut, type Sut } from "./child.js";
import { freePort } from "../helpers/viche.js";
import { WEBHOOK_SECRET } from "./load.js";

/** The organisers' group. */
export const ORGANISERS_CHAT_ID = -1001234567890;
export const ORGANISER_ID = 7001;

/** Pacing that never holds anything back, for scenarios that are not about pacing. */
export const NO_PACING: PacingLimits = {
  group: { limit: 100_000, windowMs: 1000 },
  resident: { limit: 100_000, windowMs: 1000 },
  global: { limit: 100_000, windowMs: 1000 },
};

/** What scenarios share: the compiled measured process, the mode, where profiles go. */
export interface BenchContext {
  readonly entry: string;
  readonly quick: boolean;
  /** Set with --profile: measured processes write V8 CPU profiles here. */
  readonly profileDir?: string;
  log(line: string): void;
}

export { freePort };

/**
 * Lets clients keep their connections to the double open, as api.telegram.org does. The double's
 * server announces `Keep-Alive: timeout=1`, and Node's http.Agent (20+) never reuses a socket whose
 * announced timeout is 1 s or less (it keeps a 1 s safety margin), so grammY would open a new TCP
 * connection for every Bot API call: a cost of the double, not of the bots measured. test/doubles
 * cannot be changed from here, so the double's listening server is found among the process's
 * handles and given a longer keep-alive. Returns whether it was found.
 */
export function keepDoubleConnectionsAlive(double: TelegramDouble): boolean {
  const port = Number(new URL(double.apiRoot).port);
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const server = handles.find((handle): handle is Server => {
    if (!(handle instanceof Server)) return false;
    const address = handle.address();
    return typeof address === "object" && address !== null && address.port === port;
  });
  if (server) server.keepAliveTimeout = 30_000;
  return server !== undefined;
}

/** A Bot API double with the organisers' group in it (and keep-alive connections, see above). */
export async function startDouble(limits?: TelegramLimits): Promise<TelegramDouble> {
  const double = await startTelegramDouble(limits ? { limits } : {});
  if (!keepDoubleConnectionsAlive(double)) throw new Error("could not find the double's HTTP server to enable keep-alive");
  double.addGroup(ORGANISERS_CHAT_ID, { members: [ORGANISER_ID], admins: [ORGANISER_ID], title: "Організатори" });
  return double;
}

/** Starts Viche (webhook mode, production settings) or the bare echo bot against `double`. */
export async function startMeasured(
  context: BenchContext,
  options: {
    kind: "viche" | "bare";
    double: TelegramDouble;
    storageUrl?: string;
    pacing?: PacingLimits | "platform";
    profileName?: string;
    /** See sut.ts: experiments that measure a proposed fix. */
    experiment?: string;
    port?: number;
  },
): Promise<Sut> {
  const port = options.port ?? (await freePort());
  const pacing = options.pacing ?? NO_PACING;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    TELEGRAM_BOT_TOKEN: options.double.token,
    TELEGRAM_API_ROOT: options.double.apiRoot,
    ORGANISERS_CHAT_ID: String(ORGANISERS_CHAT_ID),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PORT: String(port),
    STORAGE_URL: options.storageUrl ?? "sqlite://:memory:",
    LOG_LEVEL: "info",
    ...(pacing === "platform" ? {} : { BENCH_PACING: JSON.stringify(pacing) }),
    ...(options.experiment ? { BENCH_EXPERIMENT: options.experiment } : {}),
  };
  const profileDir = context.profileDir && options.profileName ? `${context.profileDir}/${options.profileName}` : undefined;
  return startSut({ entry: context.entry, kind: options.kind, env, ...(profileDir ? { profileDir } : {}) });
}

/** Samples the measured process's RSS while a run goes on; `stop()` gives the peak. */
export function sampleRss(sut: Sut, everyMs = 250): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(peak, (await sut.usage()).rss);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** Polls `check` until it is true or `timeoutMs` passes; resolves with whether it became true. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Waits until Viche's outbox has nothing waiting (bounded). */
export async function waitForOutbox(sut: Sut, timeoutMs: number): Promise<boolean> {
  return waitUntil(async () => (await sut.request({ type: "outbox" }, "outbox")).pendingLanes === 0, timeoutMs, 100);
}

/**
 * Refusals by the double that are not faults: unknown callback query ids (the load generator makes
 * them up) and "message is not modified" (Viche re-sends a card unchanged, sees that answer and
 * moves on; counted separately as redundant edits).
 */
function expectedRefusal(call: { method: string; description?: string }): boolean {
  return (call.method === "answerCallbackQuery" && /query is too old/.test(call.description ?? "")) || /message is not modified/.test(call.description ?? "");
}

/** Refusals by the double that point at a fault. */
export function doubleFaults(double: TelegramDouble): number {
  return double.errors.filter((call) => !expectedRefusal(call)).length;
}

/** Card edits that changed nothing (Telegram answers 400 "message is not modified"). */
export function redundantEdits(double: TelegramDouble): number {
  return double.errors.filter((call) => /message is not modified/.test(call.description ?? "")).length;
}

/** A few of the double's refusals that point at a fault, for the results file. */
export function doubleFaultSamples(double: TelegramDouble, limit = 5): string[] {
  return double.errors
    .filter((call) => !expectedRefusal(call))
    .slice(0, limit)
    .map((call) => `${call.method} ${call.status}: ${call.description ?? ""} ${JSON.stringify(call.params).slice(0, 300)}`);
}

/** 429 answers the double gave. */
export function rateLimited(double: TelegramDouble): number {
  return double.calls.filter((call) => call.kind === "rate-limited").length;
}

/** Memory in MB with one decimal. */
export function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
