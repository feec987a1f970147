import type { Api } from "grammy";
import type { OutgoingMessage } from "../../core/types.js";
import { toDeliveryError } from "./errors.js";
import { renderForTelegram } from "./render.js";

/**
 * Sends neutral messages to a Telegram chat, in order. Throws a DeliveryError (see errors.ts) when
 * Telegram refuses, so the outbox can retry or report it.
 */
export async function sendToTelegram(api: Api, chatId: number | string, messages: readonly OutgoingMessage[]): Promise<void> {
  for (const message of messages) {
    for (const send of renderForTelegram(message)) {
      try {
        if (send.method === "sendPhoto") {
          await api.sendPhoto(chatId, send.photo, {
            caption: send.caption,
            parse_mode: "HTML",
            ...(send.reply_markup ? { reply_markup: send.reply_markup } : {}),
          });
        } else {
          await api.sendMessage(chatId, send.text, {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            ...(send.reply_markup ? { reply_markup: send.reply_markup } : {}),
          });
        }
      } catch (error) {
        throw toDeliveryError(error);
      }
    }
  }
}

/**
 * Shows a reply that {@link OutgoingMessage.replacesPrevious | replaces the previous screen} by
 * editing the message whose button was pressed, so a multi-select tick does not add a message.
 * False when the reply is not such a message, or Telegram refuses the edit: then send it as usual.
 */
export async function editInPlace(api: Api, chatId: number, messageId: number, messages: readonly OutgoingMessage[]): Promise<boolean> {
  const [only] = messages;
  if (messages.length !== 1 || !only?.replacesPrevious || only.request || only.photo) return false;
  const sends = renderForTelegram(only);
  const [send] = sends;
  if (sends.length !== 1 || send?.method !== "sendMessage") return false;
  try {
    await api.editMessageText(chatId, messageId, send.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(send.reply_markup && "inline_keyboard" in send.reply_markup ? { reply_markup: send.reply_markup } : {}),
    });
    return true;
  } catch {
    return false;
  }
}
