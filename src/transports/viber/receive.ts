import { z } from "zod";
import { isButtonData } from "../../core/features/index.js";
import type { IncomingEvent } from "../../core/types.js";

/**
 * Parses a Viber callback body, keeping `message_token` exact: it is a 64-bit integer larger than
 * 2^53, which JSON.parse would round, so it is read as a string.
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

/**
 * Translates a Viber message into a neutral event. Pictures are returned as "picture" for the
 * webhook to fetch at once (their URLs expire).
 */
export function eventFromViberMessage(message: ViberMessage): IncomingEvent | { kind: "picture"; url: string; caption?: string } {
  switch (message.type) {
    case "text": {
      const text = message.text ?? "";
      // A Viber reply button sends its data back as the message text.
      return isButtonData(text) ? { kind: "choice", data: text } : { kind: "text", text };
    }
    case "contact":
      return message.contact?.phone_number
        ? { kind: "contact", phone: message.contact.phone_number, own: true, ...(message.contact.name ? { name: message.contact.name } : {}) }
        : { kind: "unsupported", what: "other" };
    case "location":
      return message.location ? { kind: "location", latitude: message.location.lat, longitude: message.location.lon } : { kind: "unsupported", what: "other" };
    case "picture":
      return message.media
        ? { kind: "picture", url: message.media, ...(message.text ? { caption: message.text } : {}) }
        : { kind: "unsupported", what: "other" };
    case "sticker":
      return { kind: "unsupported", what: "sticker" };
    case "video":
      return { kind: "unsupported", what: "video" };
    case "file":
      return { kind: "unsupported", what: "document" };
    case "url":
      return { kind: "text", text: message.media ?? message.text ?? "" };
    default:
      return { kind: "unsupported", what: "other" };
  }
}
