import { Composer, type Context } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "pino";
import type { Core } from "../../../core/core.js";
import type { Programme } from "../../../core/programme/programme.js";
import { escapeHtml } from "../render.js";

type T = (key: string, args?: Record<string, string | number>) => string;

/** The buttons under "sent to the resident" for a question: teach the answer, or link it to an item. */
export function teachKeyboard(ref: string, t: T): InlineKeyboardMarkup {
  return {
    inline_keyboard: [[{ text: t("teach-button-answer"), callback_data: `teach:${ref}` }], [{ text: t("teach-button-item"), callback_data: `teachp:${ref}` }]],
  };
}

/**
 * Teaching the bot from the organisers' group, with buttons only: after answering a question, one
 * press stores the answer for every later resident who asks the same; or the question's words can be
 * attached to a programme item (section → item). Lessons are stored and survive restarts.
 */
export function teachHandlers(options: { core: Core; programme: () => Programme; t: T; logger: Logger }): Composer<Context> {
  const { core, t, logger } = options;
  const composer = new Composer<Context>();
  const show = async (ctx: Context, text: string, keyboard?: InlineKeyboardMarkup) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.editMessageText(escapeHtml(text), { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
  };
  const outcome = async (ctx: Context, ref: string, itemId?: string) => {
    const result = await core.teach(ref, itemId);
    logger.info({ ref, itemId, result, organiser: ctx.from?.id }, "teach");
    await show(ctx, t(`teach-${result}`, { ref }));
  };

  composer.callbackQuery(/^teach:([CVQ]-\d+)$/, (ctx) => outcome(ctx, ctx.match[1] ?? ""));
  composer.callbackQuery(/^teachp:([CVQ]-\d+)$/, (ctx) => {
    const ref = ctx.match[1] ?? "";
    const rows = options.programme().sections.map((section) => [{ text: section.title, callback_data: `teachs:${ref}:${section.id}` }]);
    return show(ctx, t("teach-choose-section", { ref }), { inline_keyboard: rows });
  });
  composer.callbackQuery(/^teachs:([CVQ]-\d+):([a-z0-9-]+)$/, (ctx) => {
    const ref = ctx.match[1] ?? "";
    const section = options.programme().sections.find((candidate) => candidate.id === ctx.match[2]);
    if (!section) return show(ctx, t("teach-unknown-item", { ref }));
    const rows = section.items.map((item) => [{ text: item.title, callback_data: `teachi:${ref}:${item.id}` }]);
    rows.push([{ text: t("nav-back"), callback_data: `teachp:${ref}` }]);
    return show(ctx, t("teach-choose-item", { ref }), { inline_keyboard: rows });
  });
  composer.callbackQuery(/^teachi:([CVQ]-\d+):([a-z0-9.-]+)$/, (ctx) => outcome(ctx, ctx.match[1] ?? "", ctx.match[2]));
  return composer;
}
