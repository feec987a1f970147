import type { SentMessage, TelegramDouble } from "../doubles/telegram-api.js";
import { buttonsOf, TelegramResident, visibleText } from "./chat.js";

/** What a resident sees of one bot message: its text and the labels of its buttons. */
export interface Screen {
  readonly text: string;
  readonly buttons: readonly string[];
}

/**
 * A resident on some messenger, as a test drives them. The same scenario runs on Telegram and Viber
 * through this interface; each method performs one action and returns the bot's next message.
 */
export interface ResidentDriver {
  readonly channel: "telegram" | "viber";
  /** The resident's id on the messenger, as the core knows them. */
  readonly id: string;
  start(payload?: string): Promise<Screen>;
  say(text: string): Promise<Screen>;
  press(label: string): Promise<Screen>;
  shareContact(phone: string): Promise<Screen>;
  sendPhoto(caption?: string): Promise<Screen>;
  sendLocation(latitude: number, longitude: number): Promise<Screen>;
  sendSticker(): Promise<Screen>;
  /** Waits for a message the resident did not ask for (an organiser's reply, a status notice). */
  receive(containing: string): Promise<Screen>;
  /** Everything the bot sent this resident, as screens. */
  history(): Screen[];
  /** The resident blocks the bot (Telegram) or unsubscribes (Viber). */
  leave(): Promise<void>;
}

/** Drives a Telegram resident through the Bot API double. */
export function telegramResident(double: TelegramDouble, id: number, firstName: string): ResidentDriver {
  const chat = new TelegramResident(double, { id, first_name: firstName, language_code: "uk" });
  const view = (message: SentMessage): Screen => ({ text: visibleText(message), buttons: buttonsOf(message) });
  return {
    channel: "telegram",
    id: String(id),
    start: async (payload) => view(await chat.say(payload ? `/start ${payload}` : "/start")),
    say: async (text) => view(await chat.say(text)),
    press: async (label) => view(await chat.press(label)),
    shareContact: async (phone) => view(await chat.shareContact(phone)),
    sendPhoto: async (caption) => view(await chat.sendPhoto(caption)),
    sendLocation: async (latitude, longitude) => view(await chat.sendLocation(latitude, longitude)),
    sendSticker: async () => view(await chat.sendSticker()),
    receive: async (containing) => view(await chat.receive((text) => text.includes(containing))),
    history: () => chat.messages.map(view),
    leave: () => double.blockChat(id),
  };
}
