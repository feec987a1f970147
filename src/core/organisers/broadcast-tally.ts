/**
 * How a broadcast's messages turned out: sent, failed, skipped because the resident opted out, or
 * unknown when the process died mid-send. Each outbox item is settled at most once, so a retry
 * after a crash counts nothing twice; Broadcasts (broadcasts.ts) reads these counts to pace and report.
 *
 * @module
 */

import type { Storage } from "../../storage/storage.js";
import type { Deliver, OnUndeliverable, OutboxItem } from "../outbox/outbox.js";
import type { ResidentRepository } from "../residents.js";
import { DAY_MS } from "./time.js";

/** Counts of a broadcast: what was sent, what failed, who had opted out. */
export interface BroadcastCounts {
  readonly enqueued: number;
  readonly settled: number;
  /** Residents passed over when their turn came (they had left or opted out by then). */
  readonly skipped: number;
  readonly sent: number;
  readonly failed: number;
  readonly optedOut: number;
  /** Messages that were being sent when the process died: perhaps delivered, never sent twice. */
  readonly unknown: number;
}

type Outcome = "sent" | "failed" | "optedout" | "unknown";

/**
 * The counters of every broadcast and the outbox hooks that keep them: {@link countingDeliver},
 * {@link countingUndeliverable} and {@link settleInterrupted}. Broadcasts builds on it.
 */
export class BroadcastTally {
  constructor(
    private readonly storage: Storage,
    private readonly residents: ResidentRepository,
  ) {}

  /** What a broadcast has achieved so far. */
  async counts(id: string): Promise<BroadcastCounts> {
    const read = (name: string) => this.storage.readCounter(`broadcast:${id}:${name}`);
    const names = ["enqueued", "settled", "skipped", "sent", "failed", "optedout", "unknown"];
    const [enqueued, settled, skipped, sent, failed, optedOut, unknown] = await Promise.all(names.map(read));
    return {
      enqueued: enqueued ?? 0,
      settled: settled ?? 0,
      skipped: skipped ?? 0,
      sent: sent ?? 0,
      failed: failed ?? 0,
      optedOut: optedOut ?? 0,
      unknown: unknown ?? 0,
    };
  }

  /** Records what became of one queued message, once per outbox item (a retry after a crash counts nothing twice). */
  private async settle(id: string, outcome: Outcome, itemId: string): Promise<void> {
    if (!(await this.storage.claim(`broadcast:${id}:settled:${itemId}`, 30 * DAY_MS))) return;
    await this.storage.increment(`broadcast:${id}:${outcome}`);
    await this.storage.increment(`broadcast:${id}:settled`);
  }

  /**
   * Wraps the outbox's delivery so broadcasts are counted and a resident who opted out after the
   * broadcast started is skipped rather than sent to.
   */
  countingDeliver(inner: Deliver): Deliver {
    return async (item) => {
      const payload = item.payload;
      if (payload.type !== "resident" || payload.broadcast === undefined) return inner(item);
      const resident = await this.residents.get(payload.resident);
      if (resident?.optedOut) return this.settle(payload.broadcast, "optedout", item.id);
      await inner(item);
      await this.settle(payload.broadcast, "sent", item.id);
    };
  }

  /**
   * For the outbox worker: a broadcast message found half-sent after a crash (it may have reached
   * the resident) is not sent again but counted as unknown; true when it was one.
   */
  readonly settleInterrupted = async (item: OutboxItem): Promise<boolean> => {
    const payload = item.payload;
    if (payload.type !== "resident" || payload.broadcast === undefined) return false;
    await this.settle(payload.broadcast, "unknown", item.id);
    return true;
  };

  /** Wraps the outbox's undeliverable handler so failed broadcast messages are counted. */
  countingUndeliverable(inner: OnUndeliverable): OnUndeliverable {
    return async (item, error) => {
      const payload = item.payload;
      if (payload.type === "resident" && payload.broadcast !== undefined) {
        await this.settle(payload.broadcast, "failed", item.id);
      }
      await inner(item, error);
    };
  }
}
