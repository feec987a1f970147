import type { CardOutcome, OrganisersSink } from "../../../core/outbox/delivery.js";
import { DeliveryError, type CardExtra, type CardPlan } from "../../../core/outbox/outbox.js";
import type { CardDesk } from "./cards.js";
import type { OrganisersChat } from "./organisers-chat.js";

/**
 * Posts cards and notes in whichever group is the organisers' group at the moment of delivery.
 * Until a group is configured or connected, deliveries fail as "unavailable" and stay in the
 * outbox; the lane is released the moment `/connect` succeeds.
 */
export class ConnectedDesk implements OrganisersSink {
  private current: { readonly chatId: number; readonly desk: CardDesk } | undefined;

  constructor(
    private readonly chat: OrganisersChat,
    private readonly deskFor: (chatId: number) => CardDesk,
  ) {}

  private async desk(): Promise<CardDesk> {
    // Read again each time (one storage read; the group gets at most 20 messages a minute): another
    // process on the same Redis may have connected or moved the group meanwhile.
    const chatId = await this.chat.refresh();
    if (chatId === undefined) {
      throw new DeliveryError("no organisers' group yet: send /connect CODE in the group, or set ORGANISERS_CHAT_ID", false, "unavailable");
    }
    if (this.current?.chatId !== chatId) this.current = { chatId, desk: this.deskFor(chatId) };
    return this.current.desk;
  }

  /** What posting the card of `ref` takes (its photos and pin, one message each). */
  async planCard(ref: string): Promise<CardPlan | undefined> {
    return (await this.desk()).planCard(ref);
  }

  /** Posts (or updates) the card of `ref`. */
  async deliverCard(ref: string, plan?: CardPlan): Promise<CardOutcome | void> {
    return (await this.desk()).deliverCard(ref, plan);
  }

  /** Posts a photo or the location pin under the card of `ref`. */
  async deliverCardExtra(ref: string, extra: CardExtra): Promise<void> {
    return (await this.desk()).deliverCardExtra(ref, extra);
  }

  /** Posts a note, under the card of `ref` when there is one. */
  async deliverNote(ref: string | undefined, key: string, args?: Record<string, string | number>): Promise<void> {
    return (await this.desk()).deliverNote(ref, key, args);
  }
}
