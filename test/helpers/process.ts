import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { TelegramDouble } from "../doubles/telegram-api.js";
import { freePort, ORGANISER, ORGANISERS_CHAT_ID } from "./viche.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const READY_MS = 30_000;

/** Viche running as its own process (`node --import tsx src/main.ts`), as an operator runs it. */
export interface VicheProcess {
  readonly port: number;
  /** Everything the process wrote to stdout and stderr. */
  readonly output: string[];
  /** Starts the process (again) and waits until it serves /healthz and has set its webhook. */
  start(): Promise<void>;
  /** kill -9: no shutdown code runs. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit code. */
  terminate(): Promise<number | null>;
}

/**
 * Prepares a Viche process in webhook mode against the Telegram double, with the given storage.
 * The double POSTs updates to it; a process killed while handling one leaves the update
 * unacknowledged, as with real Telegram.
 */
export async function vicheProcess(options: {
  telegram: TelegramDouble;
  storageUrl: string;
  env?: Record<string, string>;
  publicUrl?: string;
}): Promise<VicheProcess> {
  const port = await freePort();
  const output: string[] = [];
  let child: ChildProcess | undefined;
  try {
    options.telegram.addGroup(ORGANISERS_CHAT_ID, { members: [ORGANISER.id], admins: [ORGANISER.id], title: "Організатори" });
  } catch (error) {
    // A second instance against the same double: the group is already there.
    if (!/already known/.test(String(error))) throw error;
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    TELEGRAM_BOT_TOKEN: options.telegram.token,
    TELEGRAM_API_ROOT: options.telegram.apiRoot,
    ORGANISERS_CHAT_ID: String(ORGANISERS_CHAT_ID),
    PUBLIC_URL: options.publicUrl ?? `http://127.0.0.1:${port}`,
    TELEGRAM_WEBHOOK_SECRET: "process-test-secret",
    PORT: String(port),
    STORAGE_URL: options.storageUrl,
    LOG_LEVEL: "info",
    ...options.env,
  };
  return {
    port,
    output,
    async start() {
      const webhooksBefore = options.telegram.calls.filter((call) => call.method === "setWebhook" && call.ok).length;
      child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
      child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
      const deadline = Date.now() + READY_MS;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`Viche exited with ${child.exitCode} while starting:\n${output.join("")}`);
        const webhooks = options.telegram.calls.filter((call) => call.method === "setWebhook" && call.ok).length;
        if (webhooks > webhooksBefore && (await healthy(port))) return;
        if (Date.now() > deadline) throw new Error(`Viche did not become ready within ${READY_MS} ms:\n${output.join("")}`);
        await sleep(50);
      }
    },
    async kill9() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = once(running, "exit");
      running.kill("SIGKILL");
      await exited;
    },
    async terminate() {
      const running = child;
      if (!running || running.exitCode !== null) return running?.exitCode ?? null;
      const exited = once(running, "exit");
      running.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}
