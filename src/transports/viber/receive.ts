import { z } from "zod";
// viber-bot's message modules one by one: its entry point also loads the Bot class, which requires
// express at import time (see viber-bot.d.ts).
import ContactMessage from "viber-bot/lib/message/contact-message.js";
import FileMessage from "viber-bot/lib/message/file-message.js";
import LocationMessage from "viber-bot/lib/message/location-message.js";
import type Message from "viber-bot/lib/message/message.js";
import MessageFactory from "viber-bot/lib/message/message-factory.js";
import PictureMessage from "viber-bot/lib/message/picture-message.js";
import StickerMessage from "viber-bot/lib/message/sticker-message.js";
import TextMessage from "viber-bot/lib/message/text-message.js";
import UrlMessage from "viber-bot/lib/message/url-message.js";
import VideoMessage from "viber-bot/lib/message/video-message.js";
import { isButtonData } from "../../core/features/index.js";
import type { IncomingEvent } from "../../core/types.js";

/**
 * Parses a Viber callback body (or a REST answer), keeping `message_token` exact: it is a 64-bit
 * integer larger than 2^53, which JSON.parse would round, so it is read as a string (as viber-bot
 * does with json-bigint's storeAsString). Undefined when the body is not JSON.
 */
export function parseViberCallback(raw: string): unknown {
  const exact = raw.replace(/(?<!\\)"message_token"\s*:\s*(-?\d+)/g, '"message_token":"$1"');
  try {
    return JSON.parse(exact);
  } catch {
    return undefined;
  }
}

const user = z.object({ id: z.string().min(1), name: z.string().optional(), language: z.string().optional() });
const token = z.union([z.string(), z.number()]).transform(String).optional();

const messageSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  media: z.string().optional(),
  size: z.number().optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  contact: z.object({ name: z.string().optional(), phone_number: z.string().optional() }).optional(),
});

/** The callbacks Viche understands; anything else is answered 200 and ignored. */
export const viberCallbackSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("webhook"), message_token: token }),
  z.object({ event: z.literal("conversation_started"), message_token: token, user, context: z.string().optional(), subscribed: z.boolean().optional() }),
  z.object({ event: z.literal("subscribed"), message_token: token, user }),
  z.object({ event: z.literal("unsubscribed"), message_token: token, user_id: z.string() }),
  z.object({ event: z.literal("message"), message_token: token, sender: user, message: messageSchema }),
  z.object({ event: z.literal("delivered"), message_token: token, user_id: z.string().optional() }),
  z.object({ event: z.literal("seen"), message_token: token, user_id: z.string().optional() }),
  z.object({ event: z.literal("failed"), message_token: token, user_id: z.string().optional(), desc: z.string().optional() }),
  z.object({ event: z.literal("client_status"), message_token: token }),
  z.object({ event: z.literal("action"), message_token: token }),
]);

/** A parsed Viber callback. */
export type ViberCallback = z.infer<typeof viberCallbackSchema>;

/** A Viber message as Viche received it; pictures still have to be fetched (see webhook.ts). */
export type ViberMessage = z.infer<typeof messageSchema>;

// viber-bot's factory only logs at debug level when a type has no class; Viche answers those below.
const messages = new MessageFactory({ debug: () => undefined });

/** viber-bot's typed message, or undefined when it has no class for the type or the body is malformed. */
function typedMessage(message: ViberMessage): Message | undefined {
  try {
    return messages.createMessageFromJson({ message });
  } catch {
    // e.g. a location message without `location`: viber-bot's fromJson reads it unguarded.
    return undefined;
  }
}

/**
 * Translates a Viber message into a neutral event, through viber-bot's message model. Pictures are
 * returned as "picture" for the webhook to fetch at once (their URLs expire).
 */
export function eventFromViberMessage(received: ViberMessage): IncomingEvent | { kind: "picture"; url: string; caption?: string } {
  const message = typedMessage(received);
  if (message instanceof TextMessage) {
    const text = message.text ?? "";
    // A Viber reply button sends its data back as the message text.
    return isButtonData(text) ? { kind: "choice", data: text } : { kind: "text", text };
  }
  if (message instanceof ContactMessage) {
    return message.contactPhoneNumber
      ? { kind: "contact", phone: message.contactPhoneNumber, own: true, ...(message.contactName ? { name: message.contactName } : {}) }
      : { kind: "unsupported", what: "other" };
  }
  if (message instanceof LocationMessage) {
    const { latitude, longitude } = message;
    return latitude !== undefined && longitude !== undefined ? { kind: "location", latitude, longitude } : { kind: "unsupported", what: "other" };
  }
  if (message instanceof PictureMessage) {
    return message.url ? { kind: "picture", url: message.url, ...(message.text ? { caption: message.text } : {}) } : { kind: "unsupported", what: "other" };
  }
  if (message instanceof StickerMessage) return { kind: "unsupported", what: "sticker" };
  if (message instanceof VideoMessage) return { kind: "unsupported", what: "video" };
  if (message instanceof FileMessage) return { kind: "unsupported", what: "document" };
  // The link exactly as the resident sent it: viber-bot's UrlMessage percent-encodes it.
  if (message instanceof UrlMessage) return { kind: "text", text: received.media ?? received.text ?? "" };
  return { kind: "unsupported", what: "other" };
}
