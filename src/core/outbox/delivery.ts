import type { Logger } from "pino";
import type { Storage } from "../../storage/storage.js";
import type { MessageArgs } from "../i18n.js";
import type { ResidentRepository } from "../residents.js";
import type { Channel, OutgoingMessage } from "../types.js";
import { DeliveryError, type Outbox, type OutboxItem } from "./outbox.js";

/** Sends messages to residents of one messenger; throws {@link DeliveryError} when it cannot. */
export type ResidentSender = (id: string, messages: readonly OutgoingMessage[]) => Promise<void>;

/** Posts cards and notes to the organisers (the Telegram group, or the simulator's screen). */
export interface OrganisersSink {
  /** Posts the card of a report, or updates it when it was posted before. */
  deliverCard(ref: string): Promise<void>;
  /** Posts a note, under the report's card when `ref` is given. */
  deliverNote(ref: string | undefined, key: string, args?: MessageArgs): Promise<void>;
}

/** Dependencies of {@link Delivery}. */
export interface DeliveryOptions {
  readonly outbox: Outbox;
  readonly storage: Storage;
  readonly residents: ResidentRepository;
  readonly logger: Logger;
  readonly now: () => number;
  /** Asks the outbox worker to look for work now. */
  readonly wake: () => void;
}

/**
 * Where the outbox's items go: residents' messengers and the organisers' sink, both plugged in by
 * the transports. A destination that is not plugged in yet (the organisers' group before its id is
 * known) is a transient failure: its items wait in their lane until it is.
 */
export class Delivery {
  private readonly senders = new Map<Channel, ResidentSender>();
  private organisers: OrganisersSink | undefined;

  constructor(private readonly options: DeliveryOptions) {}

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
      try {
        await sender(id, messages);
      } catch (error) {
        if (error instanceof DeliveryError && error.permanent) {
          logger.info({ channel, reason: error.reason }, "reply not delivered");
          return;
        }
        logger.warn({ channel, reason: error instanceof DeliveryError ? error.reason : "unavailable" }, "reply failed; queued in the outbox");
        logger.debug({ err: error }, "reply failure");
        await outbox.enqueue({ type: "resident", resident: { channel, id }, messages, purpose: "notice" }, now());
        wake();
      }
    };
  }

  /** Delivers one outbox item (the worker's `deliver`). */
  readonly deliver = async (item: OutboxItem): Promise<void> => {
    const payload = item.payload;
    if (payload.type === "resident") {
      const sender = this.senders.get(payload.resident.channel);
      if (!sender) throw new DeliveryError(`${payload.resident.channel} is not configured`, false, "unavailable");
      // Viber says "stop sending" on unsubscribe, and Telegram refuses blocked chats: don't try.
      const resident = await this.options.residents.get(payload.resident);
      if (resident?.unsubscribed) throw new DeliveryError("resident unsubscribed", true, payload.resident.channel === "viber" ? "not-subscribed" : "blocked");
      return sender(payload.resident.id, payload.messages);
    }
    if (!this.organisers) throw new DeliveryError("the organisers' group is not known yet", false, "unavailable");
    if (payload.type === "card") return this.organisers.deliverCard(payload.ref);
    return this.organisers.deliverNote(payload.ref, payload.key, payload.args);
  };

  /** Settles an item that can never be delivered (the worker's `onUndeliverable`). */
  readonly onUndeliverable = async (item: OutboxItem, error: DeliveryError): Promise<void> => {
    const { outbox, residents, logger, now } = this.options;
    const payload = item.payload;
    if (payload.type !== "resident") {
      logger.error(
        { item: item.id, lane: item.lane, reason: error.reason },
        "outbox: the organisers' group refused a message; check that the bot is still a member with the right to post",
      );
      return;
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
}
