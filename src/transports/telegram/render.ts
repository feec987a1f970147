import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import { splitText } from "../../core/text.js";
import type { OutgoingMessage } from "../../core/types.js";

/** Telegram's limit on message text, counted after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram's limit on photo captions. */
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** callback_data must be 1-64 bytes. */
const CALLBACK_LIMIT = 64;

/** Escapes text for parse_mode HTML: residents' words arrive exactly as typed and never break markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** One Bot API call that shows (part of) a message. */
export type TelegramSend =
  | { readonly method: "sendMessage"; readonly text: string; readonly reply_markup?: TelegramMarkup }
  | { readonly method: "sendPhoto"; readonly photo: string; readonly caption: string; readonly reply_markup?: TelegramMarkup };

/** Any keyboard Telegram accepts on a message. */
export type TelegramMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

function markup(message: OutgoingMessage): TelegramMarkup | undefined {
  const rows = message.buttons ?? [];
  if (message.request) {
    // Contact and location requests only exist on reply keyboards; the other choices become text
    // buttons whose labels the core maps back to the same choices.
    const request = message.request.kind === "contact" ? { request_contact: true } : { request_location: true };
    return {
      keyboard: [[{ text: message.request.label, ...request }], ...rows.map((row) => row.map((button) => ({ text: button.label })))],
      resize_keyboard: true,
      one_time_keyboard: true,
      is_persistent: false,
    };
  }
  if (rows.length === 0) return { remove_keyboard: true };
  for (const button of rows.flat()) {
    const bytes = Buffer.byteLength(button.data, "utf8");
    if (bytes < 1 || bytes > CALLBACK_LIMIT) throw new Error(`Button data "${button.data}" is ${bytes} bytes; Telegram allows 1-64.`);
  }
  return { inline_keyboard: rows.map((row) => row.map((button) => ({ text: button.label, callback_data: button.data }))) };
}

/**
 * Renders a neutral message as Bot API calls (parse_mode HTML): the title in bold, text escaped,
 * split at Telegram's length limit with the keyboard on the last part.
 */
export function renderForTelegram(message: OutgoingMessage): TelegramSend[] {
  const keyboard = markup(message);
  const title = message.title ? `<b>${escapeHtml(message.title)}</b>\n` : "";
  if (message.photo) {
    const caption = `${message.title ?? ""}\n${message.text}`.trim();
    if (caption.length <= TELEGRAM_CAPTION_LIMIT) {
      return [
        { method: "sendPhoto", photo: message.photo.fileId, caption: `${title}${escapeHtml(message.text)}`, ...(keyboard ? { reply_markup: keyboard } : {}) },
      ];
    }
  }
  const budget = TELEGRAM_TEXT_LIMIT - (message.title?.length ?? 0) - 2;
  const pieces = splitText(message.text, budget);
  const sends: TelegramSend[] = pieces.map((piece, index) => ({
    method: "sendMessage",
    text: `${index === 0 ? title : ""}${escapeHtml(piece)}` || "…",
    ...(index === pieces.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
  }));
  if (message.photo) sends.unshift({ method: "sendPhoto", photo: message.photo.fileId, caption: "" });
  return sends;
}
