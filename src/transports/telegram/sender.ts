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
