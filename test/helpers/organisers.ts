import { buttonsOf, visibleText, type SentMessage, type TelegramDouble } from "../doubles/telegram-api.js";
import { ORGANISER, ORGANISERS_CHAT_ID } from "./viche.js";

/** The organisers' group as a test sees it: cards, replies to cards, status buttons. */
export class OrganisersGroup {
  constructor(readonly double: TelegramDouble) {}

  /** Every message the bot posted in the group. */
  get messages(): SentMessage[] {
    return this.double.messagesTo(ORGANISERS_CHAT_ID);
  }

  /** Waits for the card of `ref` (its header names the reference) and returns it, as it is now. */
  card(ref: string, containing = "", timeoutMs = 10_000): Promise<SentMessage> {
    return this.double.waitFor((message) => isCardOf(message, ref) && visibleText(message).includes(containing), { chatId: ORGANISERS_CHAT_ID, timeoutMs });
  }

  /** Waits for a message in the group containing `text`. */
  note(text: string): Promise<SentMessage> {
    return this.double.waitFor((message) => visibleText(message).includes(text), { chatId: ORGANISERS_CHAT_ID, timeoutMs: 10_000 });
  }

  /** Cards posted for `ref` (to check that exactly one was). */
  cardsFor(ref: string): SentMessage[] {
    return this.messages.filter((message) => isCardOf(message, ref));
  }

  /** An organiser replies to the card of `ref` in the group. */
  async reply(ref: string, text: string): Promise<void> {
    const card = await this.card(ref);
    await this.double.groupReply(ORGANISERS_CHAT_ID, ORGANISER, card.messageId, text);
  }

  /** An organiser replies to any bot message in the group. */
  async replyTo(message: SentMessage, text: string): Promise<void> {
    await this.double.groupReply(ORGANISERS_CHAT_ID, ORGANISER, message.messageId, text);
  }

  /** An organiser presses a button on the card of `ref`. */
  async press(ref: string, label: string): Promise<void> {
    const card = await this.card(ref);
    await this.double.pressButton(ORGANISER, { label, chatId: ORGANISERS_CHAT_ID, messageId: card.messageId });
  }

  /** An organiser types a command in the group. */
  async command(text: string): Promise<void> {
    await this.double.groupCommand(ORGANISERS_CHAT_ID, ORGANISER, text);
  }
}

/** A card's first line is "<icon> <ref> · <kind> · <status>". */
function isCardOf(message: SentMessage, ref: string): boolean {
  return visibleText(message).split("\n")[0]?.includes(` ${ref} · `) === true;
}

export { buttonsOf, visibleText };
