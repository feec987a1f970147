import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** How long a redis-server may take to answer PING after starting, or to exit after SIGTERM. */
const STARTUP_MS = 10_000;
const SHUTDOWN_MS = 10_000;

/** A private redis-server for one test file, on its own port, keeping nothing on disk. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>/0`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and waits until it has exited. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server if it runs and starts it again on the same port (empty unless persistent). */
  restart(): Promise<void>;
}

/** True when `redis-server` can be run from PATH. */
export function redisServerInstalled(): boolean {
  return !spawnSync("redis-server", ["--version"], { stdio: "ignore" }).error;
}

/**
 * Starts `redis-server --port <free port> --save "" --appendonly no` and resolves once it answers
 * PING; resolves undefined when `redis-server` is not installed, so callers can skip their tests.
 */
export async function startRedisServer(options: { persistent?: boolean } = {}): Promise<RedisServer | undefined> {
  if (!redisServerInstalled()) return undefined;
  const port = await freePort();
  // A persistent server writes every command to an append-only file in its own temporary folder, so
  // a restart keeps the data, as a production Redis configured for durability does.
  const dir = options.persistent ? mkdtempSync(join(tmpdir(), "viche-redis-")) : undefined;
  let child: ChildProcess | undefined = await launch(port, dir);

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    const killer = setTimeout(() => running.kill("SIGKILL"), SHUTDOWN_MS);
    await exited;
    clearTimeout(killer);
  };
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    stop,
    async restart() {
      await stop();
      child = await launch(port, dir);
    },
  };
}

async function launch(port: number, dir: string | undefined): Promise<ChildProcess> {
  const durability = dir ? ["--dir", dir, "--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...durability];
  const child = spawn("redis-server", args, { stdio: "ignore" });
  const deadline = Date.now() + STARTUP_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server on port ${port} did not answer PING within ${STARTUP_MS} ms`);
    }
    await sleep(50);
  }
  return child;
}

/** Sends an inline PING over a raw socket; true on "+PONG". Gives up after a second. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const finish = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => finish(data.toString().startsWith("+PONG")));
  });
}

/** A port nobody listens on right now: bind port 0, read the port, release it. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}
