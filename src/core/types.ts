/**
 * The messenger-neutral vocabulary of Viche: who a resident is, what they send us, and what we
 * send back. Transports translate platform updates into {@link IncomingEvent}s and render
 * {@link OutgoingMessage}s; nothing here knows about Telegram or Viber.
 */

/** The messengers residents use. Organisers always work in Telegram. */
export type Channel = "telegram" | "viber";

/** A resident as the core knows them: a messenger and that messenger's id for the chat. */
export interface ResidentRef {
  readonly channel: Channel;
  readonly id: string;
}

/** Stable string key for a resident, e.g. `telegram:12345`. Use it for storage keys and logs. */
export function residentKey(resident: ResidentRef): string {
  return `${resident.channel}:${resident.id}`;
}

/** Parses {@link residentKey}'s output back into a {@link ResidentRef}; undefined when malformed. */
export function parseResidentKey(key: string): ResidentRef | undefined {
  const at = key.indexOf(":");
  if (at <= 0) return undefined;
  const channel = key.slice(0, at);
  const id = key.slice(at + 1);
  if ((channel !== "telegram" && channel !== "viber") || id.length === 0) return undefined;
  return { channel, id };
}

/** A photo a resident sent, as the transport could keep it. */
export interface PhotoRef {
  /** Telegram `file_id`, or the key under which a fetched Viber picture is stored. */
  readonly fileId: string;
  /** Bytes, when the transport had to fetch the picture at once (Viber media URLs expire). */
  readonly size?: number;
}

/** What a resident did, in messenger-neutral terms. */
export type IncomingEvent =
  /** A message of text. Commands (`/start payload`) arrive as text too; the core parses them. */
  | { readonly kind: "text"; readonly text: string }
  /** A button press; `data` is the button's {@link Button.data}. */
  | { readonly kind: "choice"; readonly data: string }
  /** The resident opened the bot from a deep link or pressed Start (Viber's conversation_started). */
  | { readonly kind: "start"; readonly payload?: string }
  /**
   * A shared contact. `own` is false when it is visibly someone else's card; `verified` is true only
   * when the messenger vouches the number is the sender's own account's (Telegram: the contact's
   * user_id is the sender's). Only a verified number may match an earlier sign-up by phone.
   */
  | { readonly kind: "contact"; readonly phone: string; readonly name?: string; readonly own: boolean; readonly verified?: boolean }
  | { readonly kind: "location"; readonly latitude: number; readonly longitude: number }
  | { readonly kind: "photo"; readonly photo: PhotoRef; readonly caption?: string }
  /** Stickers, voice, documents and the like: the core answers with what it can take instead. */
  | { readonly kind: "unsupported"; readonly what: string }
  /** The resident left (Viber unsubscribed, Telegram blocked the bot): stop sending. */
  | { readonly kind: "unsubscribed" };

/** A button the resident can press. `data` comes back as a {@link IncomingEvent} of kind choice. */
export interface Button {
  readonly label: string;
  readonly data: string;
}

/**
 * One message for a resident, already localised. `text` is plain text; `title`, when present,
 * is shown emphasised above it (bold on Telegram, plain on Viber).
 */
export interface OutgoingMessage {
  readonly title?: string;
  readonly text: string;
  /** Rows of buttons. On Telegram they become an inline keyboard unless `request` is set. */
  readonly buttons?: readonly (readonly Button[])[];
  /** Ask for the resident's phone or location with the messenger's own button. */
  readonly request?: { readonly kind: "contact" | "location"; readonly label: string };
  /** A photo to show with the text. */
  readonly photo?: PhotoRef;
  /**
   * A hint: this message is the screen whose button was just pressed, updated (a multi-select
   * tick). A transport that can edit that message in place does (Telegram); others send it anew.
   */
  readonly replacesPrevious?: boolean;
}

/** Anything the core asks to be delivered on the resident's messenger. */
export interface Reply {
  readonly messages: readonly OutgoingMessage[];
}

/** The two languages Viche ships with; content and locales exist for each. */
export const LOCALES = ["uk", "en"] as const;
/** A language a resident can choose. */
export type Locale = (typeof LOCALES)[number];

/** True when `value` is one of {@link LOCALES}. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
