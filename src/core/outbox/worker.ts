import type { Logger } from "pino";
import type { Storage } from "../../storage/storage.js";
import { backoffMs, DeliveryError, GROUP_LANE, type Deliver, type OnUndeliverable, type Outbox, type OutboxItem } from "./outbox.js";
import { OutageNotice } from "../outage.js";
import { Pacer, PLATFORM_LIMITS, type PacingLimits } from "./pacing.js";

/** Options of the {@link OutboxWorker}. */
export interface OutboxWorkerOptions {
  readonly outbox: Outbox;
  readonly storage: Storage;
  readonly deliver: Deliver;
  readonly onUndeliverable: OnUndeliverable;
  readonly logger: Logger;
  readonly limits?: PacingLimits;
  /**
   * Settles an item found half-sent after a crash that must not be sent again (a broadcast: at most
   * once per resident); false to send it again (cards and answers: at least once).
   */
  readonly onInterrupted?: (item: OutboxItem) => Promise<boolean>;
  /** Shared with the direct replies, so both count against the same chats (default: its own, from `limits`). */
  readonly pacer?: Pacer;
  /** How often to look for due deliveries when nothing wakes the worker (default 250 ms). */
  readonly pollMs?: number;
  readonly now?: () => number;
}

/**
 * Delivers what the {@link Outbox} holds: lane by lane, in order, paced to the platforms' limits,
 * retrying with backoff and honouring `retry_after`. Several processes may run workers on one Redis:
 * a lane is worked by one process at a time (a storage lock).
 */
export class OutboxWorker {
  private readonly pacer: Pacer;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;
  private flushing = false;
  /** Set by a tick that stopped at a pacing limit: when the next send may go (ms from now). */
  private nextWakeMs: number | undefined;
  private readonly now: () => number;
  /** Storage down: the worker cannot read its lanes. */
  readonly storageOutage: OutageNotice;
  /** The platforms down (5xx, network): items wait in the outbox. */
  readonly deliveryOutage: OutageNotice;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.pacer = options.pacer ?? new Pacer(options.limits ?? PLATFORM_LIMITS);
    this.now = options.now ?? Date.now;
    this.storageOutage = new OutageNotice(options.logger, "storage", "deliveries in the outbox", this.now);
    this.deliveryOutage = new OutageNotice(options.logger, "the messengers' API", "deliveries in the outbox", this.now);
  }

  /** Starts the delivery loop. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks the worker to look for work now (after an enqueue), instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops the loop after the delivery in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Delivers everything due until nothing is due or `deadline` passes (used at shutdown to flush).
   * Resolves with the number of lanes still waiting.
   */
  async drain(deadline: number): Promise<number> {
    this.flushing = true;
    try {
      while (this.now() < deadline) {
        const worked = await this.tick();
        if ((await this.options.outbox.pendingLanes()) === 0) return 0;
        if (!worked) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return await this.options.outbox.pendingLanes();
    } finally {
      this.flushing = false;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.loop().finally(() => {
        this.running = undefined;
        const again = this.wakeRequested;
        this.wakeRequested = false;
        const poll = this.options.pollMs ?? 250;
        this.schedule(again ? 0 : Math.min(poll, this.nextWakeMs ?? poll));
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.tick())) {
        // keep going while there was work
      }
      this.storageOutage.ok();
    } catch (error) {
      this.storageOutage.fail(error);
    }
  }

  /** Works each due lane once. True when something was sent or settled. */
  private async tick(): Promise<boolean> {
    const lanes = await this.options.outbox.dueLanes(this.now(), 50);
    let worked = false;
    this.nextWakeMs = undefined;
    for (const lane of lanes) {
      if (this.stopped && !this.flushing) break;
      // When the overall limit is what blocks, every lane waits for the same moment: stop here and
      // come back exactly then, instead of holding each lane and sleeping a whole poll.
      const globalWait = this.pacer.globalWaitMs(this.now());
      if (globalWait > 0) {
        this.nextWakeMs = globalWait;
        break;
      }
      const wait = this.pacer.waitMs(lane, this.now());
      if (wait > 0) {
        await this.options.outbox.hold(lane, this.now() + wait);
        this.nextWakeMs = Math.min(this.nextWakeMs ?? wait, wait);
        continue;
      }
      try {
        const done = await this.options.storage.withLock(`outbox-lane:${lane}`, () => this.deliverHead(lane), 0);
        worked = worked || done;
      } catch {
        // Another process holds this lane right now; it will deliver it.
      }
    }
    return worked;
  }

  private async deliverHead(lane: string): Promise<boolean> {
    const { outbox, deliver, logger } = this.options;
    const item = await outbox.head(lane);
    if (!item) {
      await outbox.settleLane(lane, this.now());
      return false;
    }
    // An answer of several messages waits until the chat has room for all of them.
    const cost = item.payload.type === "resident" ? Math.max(1, item.payload.messages.length) : 1;
    const wait = cost > 1 ? this.pacer.waitMs(lane, this.now(), cost) : 0;
    if (wait > 0) {
      await outbox.hold(lane, this.now() + wait);
      this.nextWakeMs = Math.min(this.nextWakeMs ?? wait, wait);
      return false;
    }
    if (item.sendingSince !== undefined && (await this.options.onInterrupted?.(item))) {
      logger.info({ lane, item: item.id }, "outbox: a broadcast message was being sent when the process stopped; not sent again");
      await outbox.complete(item, this.now());
      return true;
    }
    await outbox.markSending(item, this.now());
    // At most once: the mark is durable before the send, so a crash after it never sends twice.
    if (item.payload.type === "resident" && item.payload.purpose === "broadcast") await this.options.storage.flush();
    try {
      await deliver(item);
      this.pacer.record(lane, this.now(), cost);
      await outbox.complete(item, this.now());
      this.deliveryOutage.ok();
      logger.debug({ lane, item: item.id, type: item.payload.type }, "outbox: delivered");
      return true;
    } catch (error) {
      return this.settleFailure(item, error);
    }
  }

  private async settleFailure(item: OutboxItem, error: unknown): Promise<boolean> {
    const { outbox, logger, onUndeliverable } = this.options;
    const failure = error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), false, "unavailable");
    // The organisers' main group is ours to fix (a wrong ORGANISERS_CHAT_ID, the bot removed from
    // the group): its cards are never given up, only reported once and retried with a long backoff.
    // Anything else refused for good (a routed group that removed the bot, a photo Telegram will
    // not take) becomes a dead letter, so the rest of its lane goes on.
    if (failure.permanent && item.lane === GROUP_LANE && (failure.reason === "blocked" || failure.reason === "chat-not-found")) {
      if (item.attempts === 1) await onUndeliverable(item, failure);
      const wait = Math.max(backoffMs(item.attempts), 30_000);
      logger.warn(
        { lane: item.lane, item: item.id, reason: failure.reason, retryInMs: wait },
        "outbox: the organisers' group refuses messages; kept and retried",
      );
      await outbox.retryLater(item, failure.message, this.now() + wait);
      return false;
    }
    if (failure.permanent) {
      logger.warn({ lane: item.lane, item: item.id, reason: failure.reason }, "outbox: undeliverable, kept and reported");
      await outbox.fail(item, failure.message, this.now());
      await onUndeliverable(item, failure);
      return true;
    }
    const wait = failure.retryAfterMs !== undefined ? failure.retryAfterMs + 100 : backoffMs(item.attempts);
    logger.debug({ lane: item.lane, item: item.id, reason: failure.reason, retryInMs: wait, attempts: item.attempts }, "outbox: will retry");
    if (failure.reason === "unavailable") this.deliveryOutage.fail(failure, item.id);
    await outbox.retryLater(item, failure.message, this.now() + wait);
    return false;
  }
}
