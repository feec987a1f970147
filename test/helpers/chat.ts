import { buttonsOf, visibleText, type SentMessage, type TelegramDouble, type TelegramPerson } from "../doubles/telegram-api.js";

/**
 * A resident talking to the bot through the Telegram double: each action waits for the bot's next
 * message in that chat and returns it, so tests read like a conversation.
 */
export class TelegramResident {
  private seen = 0;

  constructor(
    readonly double: TelegramDouble,
    readonly person: TelegramPerson,
  ) {}

  /** Everything the bot sent this resident so far. */
  get messages(): SentMessage[] {
    return this.double.messagesTo(this.person.id);
  }

  /** Acts and returns the bot's next message, or the pressed message when the bot edited it in place. */
  private async next(action: () => Promise<unknown>, pressed?: SentMessage): Promise<SentMessage> {
    this.seen = Math.max(this.seen, this.messages.at(-1)?.messageId ?? 0);
    const after = this.seen;
    const editsBefore = pressed?.edits ?? 0;
    await action();
    const message = await this.double.waitFor((sent) => sent.messageId > after || (sent === pressed && sent.edits > editsBefore), {
      chatId: this.person.id,
      timeoutMs: 10_000,
    });
    this.seen = Math.max(this.seen, message.messageId);
    return message;
  }

  /** Waits for the next message from the bot that was not caused by an action (relays, notices). */
  async receive(predicate: (text: string) => boolean = () => true): Promise<SentMessage> {
    const after = this.seen;
    const message = await this.double.waitFor((sent) => sent.messageId > after && predicate(visibleText(sent)), { chatId: this.person.id, timeoutMs: 10_000 });
    this.seen = message.messageId;
    return message;
  }

  say(text: string): Promise<SentMessage> {
    return this.next(() => this.double.sendText(this.person, text));
  }

  press(label: string): Promise<SentMessage> {
    const pressed = this.messages.filter((message) => !message.deleted && buttonsOf(message).includes(label)).at(-1);
    return this.next(() => this.double.pressButton(this.person, { label }), pressed);
  }

  /** Sends a button press with `data` that no button shown carries (what a modified client can do). */
  forgeButton(data: string): Promise<SentMessage> {
    return this.next(() => this.double.forgeButtonPress(this.person, data));
  }

  shareContact(phone: string, own = true): Promise<SentMessage> {
    return this.next(() => this.double.shareContact(this.person, phone, { own }));
  }

  sendLocation(latitude: number, longitude: number): Promise<SentMessage> {
    return this.next(() => this.double.sendLocation(this.person, latitude, longitude));
  }

  sendPhoto(caption?: string): Promise<SentMessage> {
    return this.next(() => this.double.sendPhoto(this.person, caption ? { caption } : {}));
  }

  sendSticker(): Promise<SentMessage> {
    return this.next(() => this.double.sendSticker(this.person));
  }
}

/** What a person sees of a message, with its buttons listed after it. */
export function screen(message: SentMessage): string {
  return `${visibleText(message)}\n[${buttonsOf(message).join(" | ")}]`;
}

export { buttonsOf, visibleText };
