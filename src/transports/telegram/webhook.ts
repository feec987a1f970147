import { timingSafeEqual } from "node:crypto";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import { parseJson, type RouteHandler } from "../../server.js";
import type { Storage } from "../../storage/storage.js";

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Dependencies of {@link telegramWebhook}. */
export interface TelegramWebhookOptions {
  readonly bot: Bot;
  readonly storage: Storage;
  /** The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`. */
  readonly secret: string;
  readonly logger: Logger;
}

/**
 * POST /telegram: checks the secret, handles the update, flushes storage and only then answers
 * 200. Storage down answers 503, so Telegram delivers the update again later.
 */
export function telegramWebhook({ bot, storage, secret, logger }: TelegramWebhookOptions): RouteHandler {
  return async ({ body, headers }) => {
    const given = headers["x-telegram-bot-api-secret-token"];
    if (typeof given !== "string" || !safeEqual(given, secret)) return { status: 401, body: { error: "wrong secret" } };
    const update = parseJson(body);
    if (!update || typeof update !== "object" || typeof (update as { update_id?: unknown }).update_id !== "number") {
      return { status: 400, body: { error: "not an update" } };
    }
    let webhookReply: string | undefined;
    try {
      await bot.handleUpdate(update as Parameters<Bot["handleUpdate"]>[0], { send: (payload) => void (webhookReply = payload) });
      await storage.flush();
    } catch (error) {
      // Storage down: answer 503 so Telegram delivers the update again later. Otherwise the
      // update itself is at fault; acknowledge it so it is not retried forever.
      if (!(await storage.ping())) return { status: 503, body: { error: "storage unavailable" } };
      logger.error({ err: error instanceof Error && "error" in error ? error.error : error }, "telegram: update failed");
    }
    return webhookReply === undefined ? { status: 200, body: {} } : { status: 200, json: webhookReply };
  };
}
