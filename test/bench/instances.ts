/**
 * Scenario 5, two instances on Redis: the same residents' mix against one Viche process, then
 * against two Viche processes sharing one redis-server (updates spread round-robin, as a load
 * balancer in front of the webhook would, so one resident's updates reach both and the Redis locks
 * keep them in order). Separate processes, not two apps in one process: that is how they would run.
 */
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { cpuMs, type Sut } from "./child.js";
import { closedLoop, WebhookClient } from "./load.js";
import { doubleFaults, doubleFaultSamples, redundantEdits, startDouble, startMeasured, waitForOutbox, type BenchContext } from "./stage.js";
import { registerResidents, ReplyTracker, Workload, type SessionStats } from "./workload.js";

/** What one configuration measured. */
export interface InstancesRun {
  readonly processes: number;
  readonly updates: number;
  readonly updatesPerSecond: number;
  /** CPU of all Viche processes per update. */
  readonly cpuMsPerUpdate: number;
  readonly p99Ms: number;
  readonly health: {
    readonly non200: number;
    readonly doubleFaults: number;
    readonly faultSamples: string[];
    readonly redundantEdits: number;
    readonly loggedErrors: number;
    readonly sessions: SessionStats;
  };
}

/** Viche on Redis with `processes` processes behind one round-robin client. */
export async function instancesRun(context: BenchContext, processes: number, updates: number, maxMs: number): Promise<InstancesRun> {
  const double = await startDouble();
  let redis: RedisServer | undefined;
  const suts: Sut[] = [];
  try {
    redis = await startRedisServer();
    if (!redis) throw new Error("redis-server is not installed");
    const workload = new Workload({ seed: 21, residentBase: 25_000_000, residentCount: 3000 });
    const warmup = new Workload({ seed: 22, residentBase: 26_000_000, residentCount: 150 });
    registerResidents(double, workload);
    registerResidents(double, warmup);
    for (let i = 0; i < processes; i += 1) suts.push(await startMeasured(context, { kind: "viche", double, storageUrl: redis.url }));
    const client = new WebhookClient(
      suts.map((sut) => sut.port),
      32,
    );
    const tracker = new ReplyTracker(double);
    await closedLoop({ client, workload: warmup, tracker, connections: 32, maxUpdates: 400, maxMs });
    for (const sut of suts) await waitForOutbox(sut, 10_000);
    const before = await Promise.all(suts.map((sut) => sut.usage()));
    const run = await closedLoop({ client, workload, tracker, connections: 32, maxUpdates: updates, maxMs });
    for (const sut of suts) await waitForOutbox(sut, 10_000);
    const after = await Promise.all(suts.map((sut) => sut.usage()));
    let cpu = 0;
    after.forEach((usage, i) => {
      cpu += cpuMs(before[i] ?? usage, usage);
    });
    client.close();
    return {
      processes,
      updates: run.updates,
      updatesPerSecond: run.updates / (run.wallMs / 1000),
      cpuMsPerUpdate: cpu / Math.max(1, run.updates),
      p99Ms: run.latencies.p99,
      health: {
        non200: client.failures(),
        doubleFaults: doubleFaults(double),
        faultSamples: doubleFaultSamples(double),
        redundantEdits: redundantEdits(double),
        loggedErrors: suts.reduce((sum, sut) => sum + sut.logCounts.error, 0),
        sessions: { ...workload.stats },
      },
    };
  } finally {
    for (const sut of suts) await sut.stop().catch(() => undefined);
    await double.close();
    await redis?.stop();
  }
}
