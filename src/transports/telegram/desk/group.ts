import { Composer, type Context } from "grammy";
import type { Logger } from "pino";
import type { Core } from "../../../core/core.js";
import type { Translator } from "../../../core/i18n.js";
import type { ActionResult } from "../../../core/reports/actions.js";
import { parseRef, REPORT_STATUSES, type ReportStatus } from "../../../core/reports/reports.js";
import type { Locale } from "../../../core/types.js";
import type { Collection, Storage } from "../../../storage/storage.js";
import { escapeHtml } from "../render.js";
import { teachHandlers, teachKeyboard } from "./teach.js";

/** Dependencies of the organisers' group handlers. */
export interface OrganisersGroupOptions {
  /** The organisers' group id now (it may be connected while the bot runs). */
  readonly chatId: () => number | undefined;
  /** Groups that receive the cards of routed categories; their cards' buttons and replies work too. */
  readonly routedChatIds?: readonly number[];
  readonly core: Core;
  readonly storage: Storage;
  readonly translator: Translator;
  readonly locale: Locale;
  readonly logger: Logger;
}

function isStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}

/**
 * The organisers' side in Telegram: /chatid anywhere; in the organisers' group, status buttons,
 * `/status REF state [reason]`, replies to cards relayed to residents, and rejection reasons given
 * as replies. Nothing here acts on reports from any other chat.
 */
export function organisersGroup(options: OrganisersGroupOptions): Composer<Context> {
  const { core, translator, locale, logger } = options;
  const t = (key: string, args?: Record<string, string | number>) => translator.t(locale, key, args);
  const rejectPrompts: Collection<string> = options.storage.collection<string>("reject-prompt");
  const composer = new Composer<Context>();

  composer.command("chatid", async (ctx) => {
    // As a string: a number would be shown with digit grouping ("-1 001 234…"), which cannot be pasted into the config.
    await ctx.reply(escapeHtml(t("chatid-answer", { id: String(ctx.chat.id) })), { parse_mode: "HTML" });
  });

  const routed = new Set(options.routedChatIds ?? []);
  const group = composer.filter((ctx) => ctx.chat !== undefined && (ctx.chat.id === options.chatId() || routed.has(ctx.chat.id)));

  const explain = (ref: string, result: ActionResult): string => {
    if (result.ok) return t("group-status-changed", { ref, status: t(`status-${result.report.status}`) });
    if (result.reason === "unknown-ref") return t("group-unknown-ref", { ref });
    if (result.reason === "needs-reason") return t("group-needs-reason", { ref });
    if (result.reason === "forgotten") return t("group-reply-forgotten", { ref });
    return t("group-bad-transition", { ref, status: "?" });
  };

  // Questions are never routed: teaching the bot belongs to the main group.
  group
    .filter((ctx) => ctx.chat !== undefined && ctx.chat.id === options.chatId())
    .use(teachHandlers({ core, programme: () => core.content.programmes[locale], t, logger }));

  /**
   * The main group may act on every report; a routed group only on the reports of the categories
   * routed to it (a roads contractor's group decides about roads, nothing else).
   */
  const mayActOn = async (chatId: number, ref: string): Promise<boolean> => {
    if (chatId === options.chatId()) return true;
    const report = await core.reports.get(ref);
    if (!report) return true; // "not found" is said by the action itself
    const route = report.category ? core.content.organisation.routing[report.category] : undefined;
    return route?.chatId === chatId;
  };
  const notRouted = (ref: string) => t("authority-not-routed-here", { ref });

  group.callbackQuery(/^st:([CVQ]-\d+):([a-z_]+)$/, async (ctx) => {
    const [, ref = "", status = ""] = ctx.match;
    if (!isStatus(status)) return ctx.answerCallbackQuery();
    if (!(await mayActOn(ctx.chat?.id ?? 0, ref))) return ctx.answerCallbackQuery({ text: notRouted(ref).slice(0, 200), show_alert: true });
    if (status === "rejected") {
      await ctx.answerCallbackQuery();
      const prompt = await ctx.reply(escapeHtml(t("group-ask-reject-reason", { ref })), {
        parse_mode: "HTML",
        reply_markup: { force_reply: true, selective: true },
        ...(ctx.callbackQuery.message ? { reply_parameters: { message_id: ctx.callbackQuery.message.message_id, allow_sending_without_reply: true } } : {}),
      });
      await rejectPrompts.set(`${prompt.chat.id}:${prompt.message_id}`, ref, 7 * 24 * 3600 * 1000);
      return;
    }
    const result = await core.actions.changeStatus(ref, status, ctx.from.id);
    if (!result.ok && result.reason === "bad-transition") {
      const report = await core.reports.get(ref);
      return ctx.answerCallbackQuery({ text: t("group-bad-transition", { ref, status: t(`status-${report?.status ?? "new"}`) }).slice(0, 200) });
    }
    logger.info({ ref, status, organiser: ctx.from.id }, "status changed");
    await ctx.answerCallbackQuery({ text: explain(ref, result).slice(0, 200) });
  });

  // Who hears replies to a card others joined: its author only, or all of them.
  group.callbackQuery(/^ra:([CVQ]-\d+):(all|author)$/, async (ctx) => {
    const [, ref = "", to = ""] = ctx.match;
    if (!(await mayActOn(ctx.chat?.id ?? 0, ref))) return ctx.answerCallbackQuery({ text: notRouted(ref).slice(0, 200), show_alert: true });
    const result = await core.actions.setReplyAll(ref, to === "all");
    if (!result.ok) return ctx.answerCallbackQuery({ text: explain(ref, result).slice(0, 200) });
    const count = 1 + (result.report.followers?.length ?? 0);
    logger.info({ ref, to, organiser: ctx.from.id }, "reply audience changed");
    await ctx.answerCallbackQuery({ text: (to === "all" ? t("group-replies-now-all", { ref, count }) : t("group-replies-now-author", { ref })).slice(0, 200) });
  });

  group.command("status", async (ctx) => {
    const [refText = "", statusText = "", ...reason] = ctx.match.trim().split(/\s+/);
    const ref = parseRef(refText);
    if (!ref || !isStatus(statusText)) return void (await ctx.reply(escapeHtml(t("group-status-usage")), { parse_mode: "HTML" }));
    if (!(await mayActOn(ctx.chat.id, ref))) return void (await ctx.reply(escapeHtml(notRouted(ref)), { parse_mode: "HTML" }));
    const result = await core.actions.changeStatus(ref, statusText, ctx.from?.id, reason.join(" ") || undefined);
    if (!result.ok && result.reason === "bad-transition") {
      const report = await core.reports.get(ref);
      return void (await ctx.reply(escapeHtml(t("group-bad-transition", { ref, status: t(`status-${report?.status ?? "new"}`) })), { parse_mode: "HTML" }));
    }
    await ctx.reply(escapeHtml(explain(ref, result)), { parse_mode: "HTML" });
  });

  for (const [command, banned] of [
    ["ban", true],
    ["unban", false],
  ] as const) {
    group.command(command, async (ctx) => {
      const target = ctx.match.trim().split(/\s+/)[0] ?? "";
      if (!target) return void (await ctx.reply(escapeHtml(t("group-ban-usage")), { parse_mode: "HTML" }));
      const key = await core.setBanned(target, banned);
      logger.info({ organiser: ctx.from?.id, banned, found: key !== undefined }, "ban command");
      await ctx.reply(escapeHtml(key ? t(banned ? "group-banned" : "group-unbanned", { who: target }) : t("group-ban-unknown", { who: target })), {
        parse_mode: "HTML",
      });
    });
  }

  // A reply to one of the bot's messages in the group: a rejection reason, or words for the resident.
  group.on("message", async (ctx, next) => {
    const replyTo = ctx.message.reply_to_message;
    if (!replyTo || replyTo.from?.id !== ctx.me.id) return next();
    if (ctx.message.text?.startsWith("/")) return next();
    const text = (ctx.message.text ?? ctx.message.caption ?? "").trim();
    const promptKey = `${ctx.chat.id}:${replyTo.message_id}`;
    const rejecting = await rejectPrompts.get(promptKey);
    if (rejecting) {
      if (!text) return void (await ctx.reply(escapeHtml(t("group-needs-reason", { ref: rejecting })), { parse_mode: "HTML" }));
      const result = await core.actions.changeStatus(rejecting, "rejected", ctx.from.id, text);
      await rejectPrompts.delete(promptKey);
      return void (await ctx.reply(escapeHtml(explain(rejecting, result)), { parse_mode: "HTML" }));
    }
    const ref = await core.reports.refForGroupMessage(ctx.chat.id, replyTo.message_id);
    if (!ref) return void (await ctx.reply(escapeHtml(t("group-reply-not-card")), { parse_mode: "HTML" }));
    if (!text) return void (await ctx.reply(escapeHtml(t("group-reply-empty")), { parse_mode: "HTML" }));
    const result = await core.actions.relayToResident(ref, text);
    logger.info({ ref, organiser: ctx.from.id, ok: result.ok }, "reply relayed");
    const everyone = result.ok && result.report.replyAll === true && (result.report.followers?.length ?? 0) > 0;
    const confirmation = everyone ? t("group-relayed-all", { ref, count: 1 + (result.report.followers?.length ?? 0) }) : t("group-relayed", { ref });
    await ctx.reply(escapeHtml(result.ok ? confirmation : explain(ref, result)), {
      parse_mode: "HTML",
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
      // An answered question can be taught to the bot, so the next resident who asks gets it at once.
      ...(result.ok && result.report.kind === "question" ? { reply_markup: teachKeyboard(ref, t) } : {}),
    });
  });

  // Anything else in the group is the organisers' own conversation.
  group.use(() => undefined);
  return composer;
}
