import type { Collection, Storage } from "../../storage/storage.js";
import type { MessageArgs } from "../i18n.js";
import type { OutgoingMessage, ResidentRef } from "../types.js";
import { residentKey } from "../types.js";

/** What the core asks to be delivered. Every delivery goes through the outbox. */
export type OutboxPayload =
  /** Post the card of a report to the organisers' group (or update it, when it exists). */
  | { readonly type: "card"; readonly ref: string }
  /** A message to a resident: an organiser's reply, a status notice, a broadcast. */
  | {
      readonly type: "resident";
      readonly resident: ResidentRef;
      readonly messages: readonly OutgoingMessage[];
      readonly ref?: string;
      readonly purpose: "relay" | "status" | "broadcast" | "followup" | "notice";
      /** The broadcast this message belongs to (`B-3`), so its delivery is counted. */
      readonly broadcast?: string;
    }
  /** A note in the organisers' group, under the report's card when `ref` is given. */
  | { readonly type: "group-note"; readonly ref?: string; readonly key: string; readonly args?: MessageArgs }
  /** One more message under a posted card (a photo, the location pin): its own item, so it is paced and retried alone. */
  | { readonly type: "card-extra"; readonly ref: string; readonly extra: CardExtra };

/** A message that follows a card: a further photo, or the location pin. */
export type CardExtra = { readonly kind: "photo"; readonly fileId: string } | { readonly kind: "location" };

/** A stored delivery. */
export interface OutboxItem {
  readonly id: string;
  readonly lane: string;
  readonly payload: OutboxPayload;
  readonly createdAt: number;
  attempts: number;
  lastError?: string;
  /** Set just before a send; found set after a crash means the send may have happened. */
  sendingSince?: number;
  /** What a card item will post, decided before its first try so a retry after a crash posts the same. */
  plan?: CardPlan;
}

/** What posting a card takes: the photo shown on the card itself (when its text fits a caption), and the messages after it. */
export interface CardPlan {
  readonly photoOnCard?: string;
  readonly extras: readonly CardExtra[];
  /**
   * Set when the platform refused the card's photo for good: kept with the stored item, so a retry
   * (after the text card failed for a passing reason) posts the text and does not try the photo again.
   */
  refusedPhoto?: { readonly fileId: string; readonly message: string };
}

/** Lanes of the organisers' chats start with this: `group` is the main group, `group:<chat id>` a routed one. */
export const GROUP_LANE = "group";

/** Finds the lane of a payload; the default puts every organisers' message in the main group's lane. */
export type LaneResolver = (payload: OutboxPayload) => Promise<string>;

/**
 * A failed delivery. `permanent` failures (the resident blocked the bot, the chat is gone) are
 * kept and reported; others are retried with backoff, after `retryAfterMs` when the platform said.
 */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly reason: "blocked" | "not-subscribed" | "chat-not-found" | "too-many" | "rejected" | "unavailable" | "rate-limited",
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Delivers one payload on its platform. Throws {@link DeliveryError} when it cannot. */
export type Deliver = (item: OutboxItem) => Promise<void>;

/** Called when an item can never be delivered; it stays stored under `outbox:failed`. */
export type OnUndeliverable = (item: OutboxItem, error: DeliveryError) => Promise<void>;

/** The order-keeping lane of a payload by its type alone: each resident is one, the organisers' main group another. */
export function laneOf(payload: OutboxPayload): string {
  return payload.type === "resident" ? `resident:${residentKey(payload.resident)}` : GROUP_LANE;
}

/** True for the lanes of organisers' chats (the main group and routed groups). */
export function isGroupLane(lane: string): boolean {
  return lane === GROUP_LANE || lane.startsWith(`${GROUP_LANE}:`);
}

const LANES = "outbox:lanes";
const FAILED = "outbox:failed";
/** The organisers' dead letters (cards, notes, photos, pins), for /failed. */
const DEAD = "outbox:dead";

/** Backoff after the n-th failed attempt: 1 s, 2 s, 4 s … capped at 5 minutes, with jitter. */
export function backoffMs(attempts: number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * The durable queue of deliveries. Items are stored before anything is sent and removed only after
 * the platform accepted them. Each lane (the group, each resident) delivers in order: a lane whose
 * head is failing waits, so cards reach the group in the order residents sent them.
 */
export class Outbox {
  private readonly items: Collection<OutboxItem>;
  private laneResolver: LaneResolver = (payload) => Promise.resolve(laneOf(payload));

  constructor(private readonly storage: Storage) {
    this.items = storage.collection<OutboxItem>("outbox");
  }

  /** Sets how organisers' payloads find their lane (one per destination chat; see organiserLanes). */
  useLanes(resolver: LaneResolver): void {
    this.laneResolver = resolver;
  }

  /** Stores a delivery; it is sent by the worker as soon as its lane allows. */
  async enqueue(payload: OutboxPayload, now: number): Promise<OutboxItem> {
    const lane = payload.type === "resident" ? laneOf(payload) : await this.laneResolver(payload);
    const seq = await this.storage.increment("outbox:seq");
    const item: OutboxItem = { id: String(seq).padStart(12, "0"), lane, payload, createdAt: now, attempts: 0 };
    await this.store(item, seq, now);
    return item;
  }

  /**
   * Stores messages that must follow `head` in its lane before anything queued after it (a card's
   * photos and pin). Idempotent: the ids come from the head's, so a retry stores the same items.
   */
  async enqueueAfter(head: OutboxItem, payloads: readonly OutboxPayload[], now: number): Promise<void> {
    const seq = Number(head.id.split(".")[0]);
    for (const [index, payload] of payloads.entries()) {
      const id = `${head.id.split(".")[0]}.${String(index + 1).padStart(3, "0")}`;
      if (await this.items.get(id)) continue;
      await this.store({ id, lane: head.lane, payload, createdAt: now, attempts: 0 }, seq + (index + 1) / (payloads.length + 1), now);
    }
  }

  private async store(item: OutboxItem, score: number, now: number): Promise<void> {
    await this.items.set(item.id, item);
    await this.storage.indexAdd(`outbox:lane:${item.lane}`, item.id, score);
    if ((await this.storage.indexScore(LANES, item.lane)) === undefined) await this.storage.indexAdd(LANES, item.lane, now);
  }

  /** Saves what changed on an item (its plan). */
  async update(item: OutboxItem): Promise<void> {
    await this.items.set(item.id, item);
  }

  /** Lanes whose next delivery is due at `now`, soonest first. */
  dueLanes(now: number, limit: number): Promise<string[]> {
    return this.storage.indexRange(LANES, 0, now, limit);
  }

  /** The oldest undelivered item of a lane. */
  async head(lane: string): Promise<OutboxItem | undefined> {
    for (;;) {
      const [id] = await this.storage.indexRange(`outbox:lane:${lane}`, 0, Number.MAX_SAFE_INTEGER, 1);
      if (id === undefined) return undefined;
      const item = await this.items.get(id);
      if (item) return item;
      await this.storage.indexRemove(`outbox:lane:${lane}`, id);
    }
  }

  /** Marks an item as being sent right now (see {@link OutboxItem.sendingSince}). */
  async markSending(item: OutboxItem, now: number): Promise<void> {
    item.sendingSince = now;
    item.attempts += 1;
    await this.items.set(item.id, item);
  }

  /** Removes a delivered item and schedules the lane's next one (or retires the lane). */
  async complete(item: OutboxItem, nextAt: number): Promise<void> {
    await this.storage.indexRemove(`outbox:lane:${item.lane}`, item.id);
    await this.items.delete(item.id);
    await this.settleLane(item.lane, nextAt);
  }

  /** Keeps the item for a later try and holds its lane until `at`. */
  async retryLater(item: OutboxItem, error: string, at: number): Promise<void> {
    item.lastError = error;
    delete item.sendingSince;
    await this.items.set(item.id, item);
    await this.storage.indexAdd(LANES, item.lane, at);
  }

  /** Moves an undeliverable item out of its lane into the failed list (and the organisers' dead letters), keeping it stored. */
  async fail(item: OutboxItem, error: string, now: number): Promise<void> {
    item.lastError = error;
    delete item.sendingSince;
    await this.items.set(item.id, item);
    await this.storage.indexAdd(FAILED, item.id, now);
    if (item.payload.type !== "resident") await this.storage.indexAdd(DEAD, item.id, now);
    await this.storage.indexRemove(`outbox:lane:${item.lane}`, item.id);
    await this.settleLane(item.lane, now);
  }

  /** Stores an organisers' message that was refused outright (a card's photo) as a dead letter, for /failed. */
  async addDead(lane: string, payload: OutboxPayload, error: string, now: number): Promise<OutboxItem> {
    const seq = await this.storage.increment("outbox:seq");
    const item: OutboxItem = { id: String(seq).padStart(12, "0"), lane, payload, createdAt: now, attempts: 1, lastError: error };
    await this.items.set(item.id, item);
    await this.storage.indexAdd(FAILED, item.id, now);
    await this.storage.indexAdd(DEAD, item.id, now);
    return item;
  }

  /** The organisers' dead letters, oldest first (what /failed lists). */
  async deadLetters(limit = 20): Promise<OutboxItem[]> {
    const ids = await this.storage.indexRange(DEAD, 0, Number.MAX_SAFE_INTEGER, limit);
    const items = await Promise.all(ids.map((id) => this.items.get(id)));
    return items.filter((item): item is OutboxItem => item !== undefined);
  }

  /** Puts a dead letter back at the end of its lane for another try; false when it is not a dead letter (any more). */
  async retry(id: string, now: number): Promise<OutboxItem | undefined> {
    if ((await this.storage.indexScore(DEAD, id)) === undefined) return undefined;
    const item = await this.items.get(id);
    await this.storage.indexRemove(DEAD, id);
    await this.storage.indexRemove(FAILED, id);
    if (!item) return undefined;
    item.attempts = 0;
    delete item.lastError;
    const seq = await this.storage.increment("outbox:seq");
    await this.store(item, seq, now);
    await this.release(item.lane, now);
    return item;
  }

  /** Makes a waiting lane due at `at` (e.g. the group's, at start, after the operator fixed the config). */
  async release(lane: string, at: number): Promise<void> {
    const held = await this.storage.indexScore(LANES, lane);
    if (held !== undefined && held > at) await this.storage.indexAdd(LANES, lane, at);
  }

  /** Holds a lane until `at` without touching its items (pacing). */
  async hold(lane: string, at: number): Promise<void> {
    await this.storage.indexAdd(LANES, lane, at);
  }

  /**
   * Retires the lane, then brings it back when it still has items. In this order a concurrent
   * {@link enqueue} (which adds the item first, then the lane) can never leave an item stranded.
   */
  async settleLane(lane: string, at: number): Promise<void> {
    await this.storage.indexRemove(LANES, lane);
    if ((await this.storage.indexSize(`outbox:lane:${lane}`)) > 0) await this.storage.indexAdd(LANES, lane, at);
  }

  /** Items that could never be delivered, oldest first. */
  async failed(limit = 100): Promise<OutboxItem[]> {
    const ids = await this.storage.indexRange(FAILED, 0, Number.MAX_SAFE_INTEGER, limit);
    const items = await Promise.all(ids.map((id) => this.items.get(id)));
    return items.filter((item): item is OutboxItem => item !== undefined);
  }

  /** The first `limit` items waiting in one lane, oldest first. */
  async pending(lane: string, limit = 20): Promise<OutboxItem[]> {
    const ids = await this.storage.indexRange(`outbox:lane:${lane}`, 0, Number.MAX_SAFE_INTEGER, limit);
    const items = await Promise.all(ids.map((id) => this.items.get(id)));
    return items.filter((item): item is OutboxItem => item !== undefined);
  }

  /** How many items wait in one lane (0 for nearly every resident: cheap to ask). */
  laneSize(lane: string): Promise<number> {
    return this.storage.indexSize(`outbox:lane:${lane}`);
  }

  /** How many deliveries are waiting, across lanes. */
  async pendingLanes(): Promise<number> {
    return this.storage.indexSize(LANES);
  }

  /** How many deliveries wait in each lane (at most `limit` lanes, the most overdue first), for /metrics. */
  async laneDepths(limit = 1000): Promise<Array<{ lane: string; depth: number }>> {
    const lanes = await this.storage.indexRange(LANES, 0, Number.MAX_SAFE_INTEGER, limit);
    return Promise.all(lanes.map(async (lane) => ({ lane, depth: await this.storage.indexSize(`outbox:lane:${lane}`) })));
  }

  /** Removes every pending delivery to a resident (used by /forget). */
  async dropLane(lane: string): Promise<void> {
    for (;;) {
      const ids = await this.storage.indexRange(`outbox:lane:${lane}`, 0, Number.MAX_SAFE_INTEGER, 100);
      if (ids.length === 0) break;
      for (const id of ids) {
        await this.items.delete(id);
        await this.storage.indexRemove(`outbox:lane:${lane}`, id);
      }
    }
    await this.storage.indexRemove(LANES, lane);
  }
}
