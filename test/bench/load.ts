/**
 * Load generation against a webhook (POST /telegram with the secret header), as Telegram delivers
 * updates: closed loop (N connections, each sends the next update when the previous one was
 * answered: throughput) and open loop (updates at fixed times whatever happens: latency at a given
 * rate, measured from the scheduled time so that a slow server cannot hide its queueing).
 * Every loop is bounded in count and in time.
 */
import { Agent, request } from "node:http";
import type { Update } from "grammy/types";
import type { ReplyTracker, Session, Workload } from "./workload.js";

/** Webhook secret every measured process is configured with. */
export const WEBHOOK_SECRET = "bench-webhook-secret";

/** POSTs updates to one or several webhook servers (round-robin, as a load balancer would). */
export class WebhookClient {
  private readonly agent: Agent;
  private turn = 0;
  /** Answers by HTTP status (0 = no answer). */
  readonly statuses = new Map<number, number>();

  constructor(
    private readonly ports: readonly number[],
    connections: number,
    private readonly path = "/telegram",
  ) {
    // Idle connections are dropped after 2 s, before the servers' 5 s keep-alive: a request sent on
    // a connection the server is closing at that moment would fail with no answer (a client-side
    // race in the load generator, not something Viche answered).
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, timeout: 2000 });
  }

  /** Sends one update; resolves with the HTTP status once the answer has been read. */
  post(update: Update, timeoutMs = 30_000): Promise<number> {
    const body = JSON.stringify(update);
    const port = this.ports[this.turn++ % this.ports.length] ?? 0;
    return new Promise((resolve) => {
      const finish = (status: number) => {
        this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
        resolve(status);
      };
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: this.path,
          method: "POST",
          agent: this.agent,
          timeout: timeoutMs,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        },
        (res) => {
          res.resume();
          res.on("end", () => finish(res.statusCode ?? 0));
          res.on("error", () => finish(0));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => finish(0));
      req.end(body);
    });
  }

  /** Answers that were not 200. */
  failures(): number {
    let count = 0;
    for (const [status, n] of this.statuses) if (status !== 200) count += n;
    return count;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Latency percentiles in milliseconds. */
export interface Latencies {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Percentiles of a list of durations (nearest-rank). */
export function percentiles(values: readonly number[]): Latencies {
  if (values.length === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return {
    count: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

function nowMs(): number {
  return performance.now();
}

/** Result of a load run. */
export interface LoadResult {
  readonly updates: number;
  readonly wallMs: number;
  readonly latencies: Latencies;
  /** Parent (load generator and Bot API double) CPU during the run, ms. */
  readonly generatorCpuMs: number;
}

/** Options of {@link closedLoop}. */
export interface ClosedLoopOptions {
  readonly client: WebhookClient;
  readonly workload: Workload;
  /** Adaptive sessions read the bot's answers here; without it they send their plan blindly. */
  readonly tracker?: ReplyTracker;
  readonly connections: number;
  readonly maxUpdates: number;
  readonly maxMs: number;
}

/**
 * N virtual residents at a time, each waiting for the answer to its update before sending the
 * next (as one person does); a finished session makes room for the next resident's.
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const { client, workload, tracker } = options;
  const latencies: number[] = [];
  const started = nowMs();
  const cpuBefore = process.cpuUsage();
  const deadline = started + options.maxMs;
  let sent = 0;
  const worker = async () => {
    let session: Session | undefined;
    while (sent < options.maxUpdates && nowMs() < deadline) {
      session ??= workload.nextSession();
      const update = session.next(tracker?.screen(session.resident.id));
      if (!update) {
        session = undefined;
        continue;
      }
      sent += 1;
      const at = nowMs();
      await client.post(update);
      latencies.push(nowMs() - at);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return { updates: sent, wallMs: nowMs() - started, latencies: percentiles(latencies), generatorCpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Options of {@link openLoop}. */
export interface OpenLoopOptions {
  readonly client: WebhookClient;
  readonly workload: Workload;
  readonly tracker?: ReplyTracker;
  /** Updates per second. */
  readonly rate: number;
  readonly durationMs: number;
  /** Seconds between one resident's updates (a person reading and tapping). */
  readonly thinkSeconds?: number;
  /** Stop waiting for answers this long after the last send. */
  readonly drainMs?: number;
}

/** Result of an open-loop run. */
export interface OpenLoopResult extends LoadResult {
  /** Scheduled rate. */
  readonly rate: number;
  /** How late the generator itself sent (actual send time minus scheduled time). */
  readonly sendLag: Latencies;
  /** Updates without an answer when the run ended. */
  readonly unanswered: number;
}

/**
 * Sends `rate` updates per second at fixed times for `durationMs`. Residents act in
 * `rate * thinkSeconds` parallel lanes, so each resident sends one update every `thinkSeconds`.
 * Latency runs from the scheduled time to the webhook's answer (which Viche gives only after the
 * reply was sent to the Bot API), so queueing in the server is counted, not hidden.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { client, workload, tracker, rate } = options;
  const interval = 1000 / rate;
  const total = Math.floor((options.durationMs / 1000) * rate);
  const lanes = Math.max(1, Math.round(rate * (options.thinkSeconds ?? 1)));
  const sessions: Array<Session | undefined> = Array.from({ length: lanes }, () => undefined);
  const busy = new Set<number>();
  const latencies: number[] = [];
  const lags: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const cpuBefore = process.cpuUsage();
  const started = nowMs();
  let sent = 0;
  for (let slot = 0; slot < total; slot += 1) {
    const scheduled = started + slot * interval;
    const wait = scheduled - nowMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const lane = slot % lanes;
    let update: Update | undefined;
    let session = sessions[lane];
    for (let tries = 0; tries < 3 && !update; tries += 1) {
      session ??= workload.nextSession();
      // When the previous answer has not come back yet, the resident acts on what they last saw.
      update = session.next(tracker && !busy.has(session.resident.id) ? tracker.screen(session.resident.id) : undefined);
      if (!update) session = undefined;
    }
    sessions[lane] = session;
    if (!update || !session) continue;
    const residentId = session.resident.id;
    busy.add(residentId);
    sent += 1;
    lags.push(nowMs() - scheduled);
    const flight = client.post(update).then(() => {
      latencies.push(nowMs() - scheduled);
      busy.delete(residentId);
    });
    inFlight.add(flight);
    void flight.finally(() => inFlight.delete(flight));
  }
  const drainUntil = nowMs() + (options.drainMs ?? 30_000);
  while (inFlight.size > 0 && nowMs() < drainUntil) await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, 100))]);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    rate,
    updates: sent,
    wallMs: nowMs() - started,
    latencies: percentiles(latencies),
    sendLag: percentiles(lags),
    unanswered: inFlight.size,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}
