import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { startApp, type App } from "../../src/app.js";
import { createConfig } from "../../src/config.js";
import type { PacingLimits } from "../../src/core/outbox/pacing.js";
import { createLogger } from "../../src/logger.js";
import type { TelegramDouble } from "../doubles/telegram-api.js";

/** The organisers' group every end-to-end test uses. */
export const ORGANISERS_CHAT_ID = -1001234567890;
/** An organiser in that group. */
export const ORGANISER = { id: 7001, first_name: "Оксана", language_code: "uk" };

/** Fast pacing for tests that are not about pacing (the real limits would make them slow). */
export const FAST_PACING: PacingLimits = {
  group: { limit: 1000, windowMs: 1000 },
  resident: { limit: 1000, windowMs: 1000 },
  global: { limit: 1000, windowMs: 1000 },
};

/** Every log line the app wrote during a test, for "no token, no phone in logs" checks. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    callback();
  }
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Options of {@link startViche}. */
export interface VicheOptions {
  readonly telegram: TelegramDouble;
  /** Extra environment (VIBER_*, PUBLIC_URL, STORAGE_URL ...). */
  readonly env?: Record<string, string>;
  readonly pacing?: PacingLimits;
  /** Reuse this data directory (restart tests). */
  readonly dataDir?: string;
  readonly logLevel?: string;
  /** How long the HTTP server waits for a request body (default 10 s). */
  readonly bodyTimeoutMs?: number;
  /** Per-resident flood limit (default: the app's). */
  readonly flood?: { readonly limit: number; readonly windowMs: number };
}

/** A Viche started in-process against the doubles, with its data directory and captured logs. */
export interface RunningViche {
  readonly app: App;
  readonly dataDir: string;
  readonly logs: LogCapture;
  stop(): Promise<void>;
}

/**
 * Starts the real app (config → storage → core → transports) against the Telegram double, with
 * SQLite in a temporary directory unless STORAGE_URL is given. The organisers' group exists in the
 * double with {@link ORGANISER} as a member.
 */
export async function startViche(options: VicheOptions): Promise<RunningViche> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "viche-e2e-"));
  try {
    options.telegram.addGroup(ORGANISERS_CHAT_ID, { members: [ORGANISER.id], admins: [ORGANISER.id], title: "Організатори" });
  } catch (error) {
    // A restart on the same double (same dataDir): the group is there already.
    if (!/already known/.test(String(error))) throw error;
  }
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: options.telegram.token,
    TELEGRAM_API_ROOT: options.telegram.apiRoot,
    ORGANISERS_CHAT_ID: String(ORGANISERS_CHAT_ID),
    STORAGE_URL: `sqlite://${join(dataDir, "bot.sqlite")}`,
    PORT: "8080",
    LOG_LEVEL: options.logLevel ?? "info",
    ...options.env,
  };
  const config = createConfig(env);
  const logs = new LogCapture();
  const secrets = [options.telegram.token, env.VIBER_AUTH_TOKEN ?? "", env.TELEGRAM_WEBHOOK_SECRET ?? ""];
  const logger = createLogger({ level: config.logLevel, secrets, destination: logs });
  const app = await startApp(config, {
    logger,
    pacing: options.pacing ?? FAST_PACING,
    port: options.env?.PORT ? Number(options.env.PORT) : 0,
    ...(options.bodyTimeoutMs ? { bodyTimeoutMs: options.bodyTimeoutMs } : {}),
    ...(options.flood ? { flood: options.flood } : {}),
  });
  return {
    app,
    dataDir,
    logs,
    async stop() {
      await app.stop(2000);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
