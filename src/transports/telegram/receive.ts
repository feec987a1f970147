import type { Context } from "grammy";
import type { IncomingEvent } from "../../core/types.js";

/** Photos larger than this are refused with advice (bots can download up to 20 MB). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * Translates a private-chat update into a neutral event; undefined for updates that carry nothing
 * for a resident (e.g. a callback without data).
 */
export function eventFromTelegram(ctx: Context): IncomingEvent | undefined {
  if (ctx.callbackQuery) {
    const data = ctx.callbackQuery.data;
    return data ? { kind: "choice", data } : undefined;
  }
  if (ctx.editedMessage) return { kind: "unsupported", what: "edit" };
  const message = ctx.message;
  if (!message) return undefined;
  if (message.text !== undefined) {
    const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(message.text);
    if (start) return start[1] ? { kind: "start", payload: start[1] } : { kind: "start" };
    return { kind: "text", text: message.text };
  }
  if (message.contact) {
    const own = message.contact.user_id !== undefined && message.contact.user_id === message.from?.id;
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(" ");
    return { kind: "contact", phone: message.contact.phone_number, own, verified: own, ...(name ? { name } : {}) };
  }
  if (message.location) return { kind: "location", latitude: message.location.latitude, longitude: message.location.longitude };
  if (message.photo && message.photo.length > 0) {
    const sizes = [...message.photo].sort((a, b) => b.width * b.height - a.width * a.height);
    const best = sizes.find((size) => (size.file_size ?? 0) <= MAX_PHOTO_BYTES);
    if (!best) return { kind: "unsupported", what: "too-big" };
    return {
      kind: "photo",
      photo: { fileId: best.file_id, ...(best.file_size !== undefined ? { size: best.file_size } : {}) },
      ...(message.caption ? { caption: message.caption } : {}),
    };
  }
  if (message.sticker) return { kind: "unsupported", what: "sticker" };
  if (message.voice || message.video_note) return { kind: "unsupported", what: "voice" };
  if (message.video) return { kind: "unsupported", what: "video" };
  if (message.animation) return { kind: "unsupported", what: "animation" };
  if (message.document) return { kind: "unsupported", what: "document" };
  if (message.audio) return { kind: "unsupported", what: "audio" };
  if (message.poll) return { kind: "unsupported", what: "poll" };
  return { kind: "unsupported", what: "other" };
}
