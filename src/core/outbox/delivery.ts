import type { Logger } from "pino";
import type { Storage } from "../../storage/storage.js";
import type { MessageArgs } from "../i18n.js";
import type { ResidentRepository } from "../residents.js";
import type { Channel, Locale, OutgoingMessage } from "../types.js";
import type { Content } from "../content.js";
import { OutageNotice } from "../outage.js";
import { laneDestination } from "./lanes.js";
import type { Pacer } from "./pacing.js";
import { DeliveryError, GROUP_LANE, laneOf, type CardExtra, type CardPlan, type Outbox, type OutboxItem, type OutboxPayload } from "./outbox.js";

/**
 * A direct answer is counted as reaching the platform this much later than it was decided: under a
 * herd the event loop lags, and an answer counted early would free its slot for the worker while
 * Telegram still sees it in its window (measured: one 429 in 150 presses without it).
 */
const DIRECT_SEND_SLACK_MS = 250;

/** Sends messages to residents of one messenger; throws {@link DeliveryError} when it cannot. */
export type ResidentSender = (id: string, messages: readonly OutgoingMessage[]) => Promise<void>;

/** What became of a card: posted, but without its photo when the platform refused that for good. */
export interface CardOutcome {
  readonly refusedPhoto?: { readonly fileId: string; readonly error: DeliveryError };
}

/** Posts cards and notes to the organisers (the Telegram group, or the simulator's screen). */
export interface OrganisersSink {
  /**
   * What posting the card of `ref` takes, one message each (photos, the location pin), decided
   * once before the first try; undefined when the card is already posted (an update is one edit).
   */
  planCard?(ref: string): Promise<CardPlan | undefined>;
  /** Posts the card of a report as planned, or updates it when it was posted before. */
  deliverCard(ref: string, plan?: CardPlan): Promise<CardOutcome | void>;
  /** Posts one of the messages that follow a card (see {@link planCard}). */
  deliverCardExtra?(ref: string, extra: CardExtra): Promise<void>;
  /** Posts a note, under the report's card when `ref` is given. */
  deliverNote(ref: string | undefined, key: string, args?: MessageArgs): Promise<void>;
}

/** Dependencies of {@link Delivery}. */
export interface DeliveryOptions {
  readonly outbox: Outbox;
  readonly storage: Storage;
  readonly residents: ResidentRepository;
  /** Names the routed groups' categories when telling organisers what could not be delivered. */
  readonly content: Content;
  /** The organisers' language. */
  readonly locale: Locale;
  readonly logger: Logger;
  readonly now: () => number;
  /** Asks the outbox worker to look for work now. */
  readonly wake: () => void;
  /** The outbox worker's pacer: a direct reply counts against its chat like any delivery. */
  readonly pacer: Pacer;
  /** True when the author of `ref` was banned before its card was posted: that card is dropped (/ban). */
  readonly isBannedAuthorsNewCard?: (ref: string) => Promise<boolean>;
}

/**
 * Where the outbox's items go: residents' messengers and the organisers' sink, both plugged in by
 * the transports. A destination that is not plugged in yet (the organisers' group before its id is
 * known) is a transient failure: its items wait in their lane until it is.
 */
export class Delivery {
  private readonly senders = new Map<Channel, ResidentSender>();
  private organisers: OrganisersSink | undefined;

  /** Until when (epoch ms) the answers queued past the overall limit take to go out at its rate. */
  private drainedAt = 0;

  /** The messengers not answering replies: one warning, then one when they answer again. */
  private readonly replyOutage: OutageNotice;

  constructor(private readonly options: DeliveryOptions) {
    this.replyOutage = new OutageNotice(options.logger, "the messengers' API", "answers to residents (queued in the outbox)", options.now);
  }

  /** Plugs in the messenger that reaches residents of `channel`. */
  setSender(channel: Channel, sender: ResidentSender): void {
    this.senders.set(channel, sender);
  }

  /** Plugs in (or, with undefined, unplugs) where cards and notes go. */
  setOrganisers(sink: OrganisersSink | undefined): void {
    this.organisers = sink;
  }

  /**
   * Answers the resident who just wrote. Sent at once; when the platform is down the answer is
   * queued in the outbox instead of lost.
   */
  reply(channel: Channel): ResidentSender {
    return async (id, messages) => {
      const { storage, outbox, logger, now, wake } = this.options;
      const sender = this.senders.get(channel);
      if (!sender || messages.length === 0) return;
      // What the resident is about to read ("sent: C-1042") is stored for good first.
      await storage.flush();
      // A chat that has had its burst (a resident writing fast), or has earlier answers still queued,
      // gets this answer through the outbox, which paces it: no 429s, and nobody else waits for it.
      const lane = laneOf({ type: "resident", resident: { channel, id }, messages, purpose: "notice" });
      const queued = await this.replyQueued(lane);
      // From here on nothing awaits until the send is counted: concurrent answers cannot all take one free slot.
      if (this.mustWait(lane, now(), messages.length, queued)) {
        await outbox.enqueue({ type: "resident", resident: { channel, id }, messages, purpose: "notice" }, now());
        wake();
        return;
      }
      this.options.pacer.record(lane, now() + DIRECT_SEND_SLACK_MS, messages.length);
      try {
        await sender(id, messages);
        this.replyOutage.ok();
      } catch (error) {
        if (error instanceof DeliveryError && error.permanent) {
          logger.info({ channel, reason: error.reason }, "reply not delivered");
          return;
        }
        this.replyOutage.fail(error, `${channel}:${id}`);
        await outbox.enqueue({ type: "resident", resident: { channel, id }, messages, purpose: "notice" }, now());
        wake();
      }
    };
  }

  /**
   * True when an answer of `count` messages to `lane` must wait for the outbox worker: earlier
   * answers to it are `queued`, its chat has had its burst, or the overall limit (Telegram: about
   * 30 a second) is reached. Once that is reached (a herd pressing a broadcast's button), every
   * answer waits until the backlog queued so far would have drained at the overall rate, so the
   * worker sends alone: direct sends racing it for the same slots reach Telegram in another order
   * and timing than they were counted, which provoked 429s.
   */
  private mustWait(lane: string, now: number, count: number, queued: boolean): boolean {
    const { pacer } = this.options;
    if (now < this.drainedAt || pacer.globalWaitMs(now) > 0) {
      this.drainedAt = Math.max(this.drainedAt, now) + count * pacer.globalSlotMs;
      return true;
    }
    return queued || pacer.waitMs(lane, now, count) > 0;
  }

  /** True when an earlier answer to this chat still waits in the outbox (answers keep their order). */
  private async replyQueued(lane: string): Promise<boolean> {
    if ((await this.options.outbox.laneSize(lane)) === 0) return false;
    const items = await this.options.outbox.pending(lane);
    return items.some((item) => item.payload.type === "resident" && item.payload.purpose === "notice");
  }

  /** Delivers one outbox item (the worker's `deliver`). */
  readonly deliver = async (item: OutboxItem): Promise<void> => {
    const payload = item.payload;
    if (payload.type === "resident") {
      const sender = this.senders.get(payload.resident.channel);
      if (!sender) throw new DeliveryError(`${payload.resident.channel} is not configured`, false, "unavailable");
      // Viber says "stop sending" on unsubscribe, and Telegram refuses blocked chats: don't try.
      const resident = await this.options.residents.get(payload.resident);
      // Nothing more goes to a banned resident, also what was queued before the ban.
      if (resident?.banned) return;
      if (resident?.unsubscribed) throw new DeliveryError("resident unsubscribed", true, payload.resident.channel === "viber" ? "not-subscribed" : "blocked");
      return sender(payload.resident.id, payload.messages);
    }
    const organisers = this.organisers;
    if (!organisers) throw new DeliveryError("the organisers' group is not known yet", false, "unavailable");
    if (payload.type === "group-note") return organisers.deliverNote(payload.ref, payload.key, payload.args);
    if (payload.type === "card-extra") {
      if (!organisers.deliverCardExtra) return;
      return organisers.deliverCardExtra(payload.ref, payload.extra);
    }
    // A banned resident's cards still queued are dropped when their turn comes (a posted card is still updated).
    if (await this.options.isBannedAuthorsNewCard?.(payload.ref)) return;
    // The plan is stored before the first try: after a crash between the card and its photos, the
    // retry (which finds the card posted and only edits it) still queues the same photos and pin.
    if (!item.plan && organisers.planCard) {
      item.plan = (await organisers.planCard(payload.ref)) ?? { extras: [] };
      await this.options.outbox.update(item);
    }
    const outcome = await organisers.deliverCard(payload.ref, item.plan);
    const extras = (item.plan?.extras ?? []).map((extra): OutboxPayload => ({ type: "card-extra", ref: payload.ref, extra }));
    if (extras.length > 0) await this.options.outbox.enqueueAfter(item, extras, this.options.now());
    if (outcome?.refusedPhoto) {
      const { fileId, error } = outcome.refusedPhoto;
      const photo: OutboxPayload = { type: "card-extra", ref: payload.ref, extra: { kind: "photo", fileId } };
      const dead = await this.options.outbox.addDead(item.lane, photo, error.message, this.options.now());
      await this.tellOrganisers(dead, error);
    }
  };

  /** Settles an item that can never be delivered (the worker's `onUndeliverable`). */
  readonly onUndeliverable = async (item: OutboxItem, error: DeliveryError): Promise<void> => {
    const { outbox, residents, logger, now } = this.options;
    const payload = item.payload;
    if (payload.type !== "resident") {
      if (item.lane === GROUP_LANE && (error.reason === "blocked" || error.reason === "chat-not-found")) {
        logger.error(
          { item: item.id, lane: item.lane, reason: error.reason },
          "outbox: the organisers' group refused a message; check that the bot is still a member with the right to post",
        );
        return;
      }
      return this.tellOrganisers(item, error);
    }
    if (error.reason === "blocked" || error.reason === "not-subscribed") {
      const resident = await residents.get(payload.resident);
      if (resident) {
        resident.unsubscribed = true;
        await residents.save(resident);
      }
    }
    if (payload.ref && payload.purpose !== "broadcast") {
      await outbox.enqueue({ type: "group-note", ref: payload.ref, key: `group-undeliverable-${error.reason}`, args: { ref: payload.ref } }, now());
    }
  };

  /**
   * Tells the main group, once per destination until /failed retries it, what could not be
   * delivered and where; the dead letters themselves are listed by /failed.
   */
  private async tellOrganisers(item: OutboxItem, error: DeliveryError): Promise<void> {
    const { outbox, storage, logger, now, wake, content, locale } = this.options;
    logger.warn({ item: item.id, lane: item.lane, reason: error.reason }, "outbox: an organisers' message was refused for good; kept for /failed");
    const told = storage.collection<true>("outbox-told");
    if (await told.get(item.lane)) return;
    await told.set(item.lane, true);
    await outbox.enqueue({ type: "group-note", key: "group-delivery-failed", args: describeDeadLetter(item, content, locale) }, now());
    wake();
  }

  /** Forgets that organisers were told about `lane`, so its next refusal is told again (after a retry). */
  async forgetTold(lane: string): Promise<void> {
    await this.options.storage.collection<true>("outbox-told").delete(lane);
  }
}

/** The words of a dead letter for the locale files: what it was (`kind`, `ref`) and where it was going. */
export function describeDeadLetter(item: OutboxItem, content: Content, locale: Locale): MessageArgs {
  const payload = item.payload;
  const kind = payload.type === "card" ? "card" : payload.type === "card-extra" ? payload.extra.kind : "note";
  const ref = payload.type === "resident" ? "" : (payload.ref ?? "—");
  return { kind, ref, ...laneDestination(item.lane, content, locale) };
}
