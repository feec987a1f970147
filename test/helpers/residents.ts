import type { SentMessage, TelegramDouble } from "../doubles/telegram-api.js";
import { viberMessageButtons, type ViberDouble } from "../doubles/viber-api.js";
import type { ViberSentMessage, ViberUser } from "../doubles/viber-types.js";
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
  /** Presses a button that carries `data` although none such was shown (a forged callback on Telegram, the typed action text on Viber). */
  forgeButton(data: string): Promise<Screen>;
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
    forgeButton: async (data) => view(await chat.forgeButton(data)),
    shareContact: async (phone) => view(await chat.shareContact(phone)),
    sendPhoto: async (caption) => view(await chat.sendPhoto(caption)),
    sendLocation: async (latitude, longitude) => view(await chat.sendLocation(latitude, longitude)),
    sendSticker: async () => view(await chat.sendSticker()),
    receive: async (containing) => view(await chat.receive((text) => text.includes(containing))),
    history: () => chat.messages.map(view),
    leave: () => double.blockChat(id),
  };
}

/** A Viber user id in Viber's own style (base64). */
export function viberId(n: number): string {
  return Buffer.from(`viche-resident-${n}`).toString("base64");
}

/**
 * Drives a Viber resident through the Viber double: callbacks are signed like Viber's, the bot
 * answers with send_message (or in the conversation_started response), buttons are pressed by
 * their label on the keyboard the client shows.
 */
export function viberResident(double: ViberDouble, n: number, name: string): ResidentDriver {
  const user: ViberUser = { id: viberId(n), name, language: "uk" };
  let seen = 0;
  const view = (message: ViberSentMessage): Screen => ({ text: message.text ?? "", buttons: viberMessageButtons(message).map((button) => button.text) });
  const next = async (action: () => Promise<unknown>): Promise<Screen> => {
    seen = double.messagesTo(user.id).length;
    await action();
    const message = await double.waitFor((sent) => sent.receiver === user.id && double.messagesTo(user.id).indexOf(sent) >= seen, {
      userId: user.id,
      timeoutMs: 10_000,
    });
    // One event can bring several messages; the keyboard is on the last one.
    const all = double.messagesTo(user.id);
    seen = all.length;
    return view(all.at(-1) ?? message);
  };
  const labelled = (label: string) => {
    const last = double.lastMessageTo(user.id);
    const button = last ? viberMessageButtons(last).find((candidate) => candidate.text === label) : undefined;
    if (!button)
      throw new Error(
        `No button "${label}" on ${name}'s screen: ${
          last
            ? viberMessageButtons(last)
                .map((b) => b.text)
                .join(" | ")
            : "(nothing)"
        }`,
      );
    return button;
  };
  return {
    channel: "viber",
    id: user.id,
    start: (payload) => next(() => double.conversationStarted(user, payload ? { context: payload } : {})),
    say: (text) => next(() => double.sendText(user, text)),
    press: (label) => next(() => double.pressButton(user, labelled(label).actionBody)),
    forgeButton: (data) => next(() => double.sendText(user, data)),
    shareContact: (phone) => next(() => double.sendContact(user, phone)),
    sendPhoto: (caption) => next(() => double.sendPicture(user, caption ? { text: caption } : {})),
    sendLocation: (latitude, longitude) => next(() => double.sendLocation(user, latitude, longitude)),
    sendSticker: () => next(() => double.sendSticker(user)),
    receive: async (containing) => {
      const message = await double.waitFor(
        (sent) => sent.receiver === user.id && double.messagesTo(user.id).indexOf(sent) >= seen && (sent.text ?? "").includes(containing),
        { userId: user.id, timeoutMs: 10_000 },
      );
      seen = double.messagesTo(user.id).indexOf(message) + 1;
      return view(message);
    },
    history: () => double.messagesTo(user.id).map(view),
    leave: async () => {
      await double.unsubscribed(user.id);
    },
  };
}
