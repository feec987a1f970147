import { Composer, type Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Content } from "../../../core/content.js";
import type { Translator } from "../../../core/i18n.js";
import { describeDeadLetter, type Delivery } from "../../../core/outbox/delivery.js";
import type { Outbox } from "../../../core/outbox/outbox.js";
import type { Locale } from "../../../core/types.js";
import { escapeHtml, TELEGRAM_TEXT_LIMIT } from "../render.js";

/** Dependencies of {@link failedDeliveries}. */
export interface FailedDeliveriesOptions {
  /** ORGANISERS_CHAT_ID: the only chat where /failed works (undefined: nowhere yet). */
  readonly chatId: () => number | undefined;
  readonly outbox: Outbox;
  readonly delivery: Delivery;
  readonly content: Content;
  readonly translator: Translator;
  readonly locale: Locale;
  /** Asks the outbox worker to deliver now. */
  readonly wake: () => void;
  readonly now?: () => number;
}

/** Dead letters listed at once; the rest follow once these are retried. */
const LISTED = 10;
/** Callback data of a retry button: `failed:retry:<outbox item id>`. */
const RETRY = /^failed:retry:([0-9.]+)$/;

/**
 * `/failed` in the organisers' group: what could not be delivered (cards, photos, pins and notes
 * a group refused for good), each with a button that puts it back in its lane for another try.
 */
export function failedDeliveries(options: FailedDeliveriesOptions): Composer<Context> {
  const { outbox, delivery, content, translator, locale } = options;
  const now = options.now ?? Date.now;
  const t = (key: string, args?: Record<string, string | number>) => translator.t(locale, key, args);
  const composer = new Composer<Context>();
  const group = composer.filter((ctx) => ctx.chat !== undefined && ctx.chat.id === options.chatId());

  group.command("failed", async (ctx) => {
    const items = await outbox.deadLetters(LISTED);
    if (items.length === 0) return void (await ctx.reply(escapeHtml(t("failed-none")), { parse_mode: "HTML" }));
    const lines = items.map((item) => t("failed-item", { ...describeDeadLetter(item, content, locale), error: (item.lastError ?? "").slice(0, 120) }));
    const text = [t("failed-header", { count: items.length }), ...lines].join("\n").slice(0, TELEGRAM_TEXT_LIMIT);
    const buttons: InlineKeyboardButton[][] = items.map((item) => [
      { text: t("failed-button-retry", { ref: String(describeDeadLetter(item, content, locale).ref) }), callback_data: `failed:retry:${item.id}` },
    ]);
    await ctx.reply(escapeHtml(text), { parse_mode: "HTML", reply_markup: { inline_keyboard: buttons } });
  });

  group.callbackQuery(RETRY, async (ctx) => {
    const item = await outbox.retry(ctx.match[1] ?? "", now());
    if (!item) return void (await ctx.answerCallbackQuery({ text: t("failed-gone") }));
    // Telling the group again is right if it fails again: the fix did not work.
    await delivery.forgetTold(item.lane);
    options.wake();
    await ctx.answerCallbackQuery({ text: t("failed-retried", { ref: String(describeDeadLetter(item, content, locale).ref) }) });
  });
  return composer;
}
