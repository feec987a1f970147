import { laneOf, type Outbox } from "../../core/outbox/outbox.js";
import type { Pacer } from "../../core/outbox/pacing.js";
import type { ResidentRef } from "../../core/types.js";

/**
 * A direct answer is counted as reaching Telegram this much later than it was decided: under a
 * herd the event loop lags, and an answer counted early would free its slot for the worker while
 * Telegram still sees it in the window (measured: one 429 in 150 presses without it).
 */
const DIRECT_SEND_SLACK_MS = 250;

/** At most this many residents are remembered as having answers waiting (the oldest are forgotten). */
const MAX_REMEMBERED = 50_000;

/**
 * Decides whether an answer to a resident who just wrote goes out at once or waits in the outbox,
 * so that a herd (thousands pressing a broadcast's button in the same minute) never provokes
 * Telegram's 429s. Direct answers and the outbox worker share one {@link Pacer}:
 *
 * - an answer goes at once while the overall window has room (and is recorded in it);
 * - past the limit it waits in the outbox, and so do all answers until the backlog queued so far
 *   would have drained at the overall rate: the worker then sends alone, one at a time. Direct
 *   sends racing the worker for the same slots arrive at Telegram in a different order and timing
 *   than they were counted (the event loop lags under a herd), which is what provoked 429s;
 * - a resident with answers still waiting gets the next ones behind them, in order.
 */
export class TelegramReplyGate {
  readonly #waiting = new Set<string>();
  /** Until when (epoch ms) the answers queued so far take to go out at the overall rate. */
  #drainedAt = 0;
  readonly #slotMs: number;

  constructor(
    private readonly pacer: Pacer,
    private readonly outbox: Outbox,
    global: { readonly limit: number; readonly windowMs: number },
  ) {
    this.#slotMs = global.windowMs / global.limit;
  }

  /** True when this answer of `count` messages must wait in the outbox; otherwise it is counted as sent now. */
  async mustQueue(resident: ResidentRef, count: number, now: number): Promise<boolean> {
    const lane = laneOf({ type: "resident", resident, messages: [], purpose: "notice" });
    const behind = this.#waiting.has(lane) && (await this.outbox.hasPending(lane));
    if (!behind) this.#waiting.delete(lane);
    // From here on nothing awaits: concurrent answers cannot all take one free slot.
    if (behind || now < this.#drainedAt || this.pacer.globalWaitMs(now) > 0) {
      this.#drainedAt = Math.max(this.#drainedAt, now) + count * this.#slotMs;
      this.#waiting.add(lane);
      if (this.#waiting.size > MAX_REMEMBERED) this.#waiting.delete(this.#waiting.values().next().value ?? lane);
      return true;
    }
    for (let i = 0; i < count; i += 1) this.pacer.record(lane, now + DIRECT_SEND_SLACK_MS);
    return false;
  }
}
