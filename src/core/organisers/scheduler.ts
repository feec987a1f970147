import type { Logger } from "pino";
import { OutageNotice } from "../outage.js";
import type { Broadcasts } from "./broadcasts.js";
import type { FollowUps } from "./followups.js";

/** Options of {@link OrganiserScheduler}. */
export interface OrganiserSchedulerOptions {
  readonly broadcasts: Broadcasts;
  readonly followUps: FollowUps;
  readonly logger: Logger;
  readonly now?: () => number;
  /** How often broadcasts under way are moved forward (default 250 ms). */
  readonly broadcastEveryMs?: number;
  /** How often follow-ups and idle reports are looked at (default 15 minutes). */
  readonly routineEveryMs?: number;
}

/** What one {@link OrganiserScheduler.tick} did. */
export interface TickResult {
  /** Resolved complaints whose residents were asked "is it really solved?". */
  readonly askedAbout: readonly string[];
  /** Idle reports listed in the group (empty unless today's digest was posted by this tick). */
  readonly flaggedIdle: readonly string[];
}

/**
 * The organisers' clock: moves broadcasts forward often, and now and then asks residents whether
 * resolved problems stay solved and lists idle reports in the group. Timers are unref'd so they never
 * keep the process alive; {@link tick} does one round with any `now`, for tests.
 */
export class OrganiserScheduler {
  /** One warning when rounds start failing (storage down), one when they work again. */
  private readonly outage: OutageNotice;
  private broadcastTimer: NodeJS.Timeout | undefined;
  private routineTimer: NodeJS.Timeout | undefined;
  private readonly rounds: { broadcasts?: Promise<unknown>; routine?: Promise<unknown> } = {};
  private readonly now: () => number;

  constructor(private readonly options: OrganiserSchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.outage = new OutageNotice(options.logger, "storage", "broadcasts, follow-ups and idle flags");
  }

  /** One full round at `now`: broadcasts, follow-ups, the idle digest. */
  async tick(now = this.now()): Promise<TickResult> {
    await this.options.broadcasts.step(now);
    const askedAbout = await this.options.followUps.askDue(now);
    const flaggedIdle = await this.options.followUps.flagIdle(now);
    return { askedAbout, flaggedIdle };
  }

  /** Starts the timers. */
  start(): void {
    if (this.broadcastTimer) return;
    this.broadcastTimer = setInterval(() => this.run("broadcasts", () => this.options.broadcasts.step(this.now())), this.options.broadcastEveryMs ?? 250);
    this.broadcastTimer.unref();
    this.routineTimer = setInterval(() => this.run("routine", () => this.tick()), this.options.routineEveryMs ?? 15 * 60_000);
    this.routineTimer.unref();
    this.run("routine", () => this.tick());
  }

  /** Stops the timers and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    clearInterval(this.broadcastTimer);
    clearInterval(this.routineTimer);
    this.broadcastTimer = undefined;
    this.routineTimer = undefined;
    await Promise.all([this.rounds.broadcasts, this.rounds.routine]);
  }

  private run(kind: "broadcasts" | "routine", task: () => Promise<unknown>): void {
    if (this.rounds[kind]) return;
    this.rounds[kind] = task()
      .then(() => this.outage.ok())
      .catch((error: unknown) => this.outage.fail(error, kind))
      .finally(() => {
        delete this.rounds[kind];
      });
  }
}
