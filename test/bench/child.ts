/**
 * Starts the measured process (sut.ts, compiled by build.ts) and talks to it: CPU and memory
 * readings, outbox commands, stop. Its log lines are kept (the last few hundred) and counted by
 * level, so a run that logged errors says so.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import type { SutAnswer, SutCommand, Usage } from "./protocol.js";

/** Options of {@link startSut}. */
export interface SutOptions {
  readonly entry: string;
  readonly kind: "viche" | "bare";
  readonly env: Record<string, string>;
  /** Writes a V8 CPU profile of the process into this folder (node --cpu-prof). */
  readonly profileDir?: string;
  readonly readyTimeoutMs?: number;
}

/** A running measured process. */
export interface Sut {
  readonly kind: "viche" | "bare";
  readonly port: number;
  readonly pid: number;
  /** Log lines at warn (40) and error (50) or above. */
  readonly logCounts: { warn: number; error: number };
  readonly lastLines: string[];
  usage(): Promise<Usage>;
  request<T extends SutAnswer["type"]>(request: SutCommand, expect: T): Promise<Extract<SutAnswer, { type: T }>>;
  /** Asks the process to stop (app.stop) and waits for it to exit; kills it after a timeout. */
  stop(): Promise<void>;
}

/** Forks the measured process and waits until it serves HTTP. */
export async function startSut(options: SutOptions): Promise<Sut> {
  const execArgv: string[] = [];
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    execArgv.push("--cpu-prof", `--cpu-prof-dir=${options.profileDir}`);
  }
  const child: ChildProcess = fork(options.entry, [], {
    env: { PATH: process.env.PATH ?? "", ...options.env, BENCH_SUT: options.kind },
    execArgv,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const lastLines: string[] = [];
  const logCounts = { warn: 0, error: 0 };
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (level === "40") logCounts.warn += 1;
      else if (level !== undefined && Number(level) >= 50) logCounts.error += 1;
      lastLines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
      if (lastLines.length > 300) lastLines.shift();
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let nextId = 1;
  const waiting = new Map<number, { resolve: (answer: SutAnswer) => void; reject: (error: Error) => void }>();
  let readyResolve: (port: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (readyResolve = resolve));
  child.on("message", (answer: SutAnswer) => {
    if (answer.type === "ready") return readyResolve(answer.port);
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (answer.type === "error") pending.reject(new Error(`measured process: ${answer.message}`));
    else pending.resolve(answer);
  });
  const exited = once(child, "exit");
  void exited.then(() => {
    for (const pending of waiting.values()) pending.reject(new Error(`measured process exited:\n${lastLines.slice(-20).join("\n")}`));
    waiting.clear();
  });

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const port = await Promise.race([
    ready,
    exited.then(() => {
      throw new Error(`${options.kind} exited while starting:\n${lastLines.slice(-20).join("\n")}`);
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${options.kind} did not start within ${timeoutMs} ms:\n${lastLines.slice(-20).join("\n")}`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));

  const request = <T extends SutAnswer["type"]>(body: SutCommand, expect: T): Promise<Extract<SutAnswer, { type: T }>> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (child.exitCode !== null || !child.connected) return reject(new Error("measured process is not running"));
      waiting.set(id, {
        resolve: (answer) =>
          answer.type === expect ? resolve(answer as Extract<SutAnswer, { type: T }>) : reject(new Error(`expected ${expect}, got ${answer.type}`)),
        reject,
      });
      child.send({ ...body, id });
    });
  };

  return {
    kind: options.kind,
    port,
    pid: child.pid ?? 0,
    logCounts,
    lastLines,
    usage: async () => (await request({ type: "usage" }, "usage")).usage,
    request,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      try {
        await request({ type: "stop" }, "stopped");
      } catch {
        child.kill("SIGKILL");
      }
      await exited;
      clearTimeout(killer);
    },
  };
}

/** CPU milliseconds (user + system) between two readings. */
export function cpuMs(before: Usage, after: Usage): number {
  return (after.user - before.user + after.system - before.system) / 1000;
}
