import { conversations, createConversation, type ConversationFlavor } from "@grammyjs/conversations";
import { Composer, InputFile, type Api, type Context } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "pino";
import QRCode from "qrcode";
import type { Content } from "../../../core/content.js";
import type { Core } from "../../../core/core.js";
import type { Translator } from "../../../core/i18n.js";
import { exportCsv } from "../../../core/organisers/export.js";
import { isSourceName, LinkRegistry, telegramDeepLink, viberDeepLink } from "../../../core/organisers/links.js";
import { parsePeriod, PERIOD_BUTTONS, periodId, periodLabel, periodStart, type Period } from "../../../core/organisers/period.js";
import { buildStats, weeklyTrend, type StatsView } from "../../../core/organisers/stats.js";
import { publicSummary } from "../../../core/organisers/summary.js";
import { localClock } from "../../../core/organisers/time.js";
import type { Locale } from "../../../core/types.js";
import type { Storage } from "../../../storage/storage.js";
import { escapeHtml, TELEGRAM_TEXT_LIMIT } from "../render.js";
import { broadcastDialog, DIALOG_DATA } from "./broadcast-dialog.js";
import { barChartPng } from "./chart.js";
import { conversationStorage } from "./conversation-storage.js";

/** Dependencies of the organisers' tools. */
export interface OrganiserToolsOptions {
  /** The organisers' group id now: the only chat where these commands work. */
  readonly chatId: () => number | undefined;
  readonly core: Core;
  readonly storage: Storage;
  readonly content: Content;
  readonly translator: Translator;
  /** The organisers' language (DEFAULT_LOCALE). */
  readonly locale: Locale;
  readonly logger: Logger;
  /** VIBER_CHAT_URI: without it /link makes the Telegram link only. */
  readonly viberChatUri: string | undefined;
  /** Whether Viber is configured (the broadcast dialog offers a Viber-only audience). */
  readonly viber: boolean;
  readonly now?: () => number;
}

/** The commands organisers use in their group, for Telegram's command menu there. */
export const ORGANISER_COMMANDS = ["stats", "export", "broadcast", "link", "summary", "status", "failed", "help"] as const;

/** Weeks in the /stats trend chart. */
const TREND_WEEKS = 8;

/** Version of the broadcast dialog's steps; bump it when they change (stored dialogs are dropped). */
const DIALOG_VERSION = 1;

type ToolsContext = ConversationFlavor<Context>;

/**
 * The organisers' tools in their Telegram group: /stats (with buttons to switch the period),
 * /export (a CSV file), /broadcast (a dialog), /link (deep links with QR codes), /summary (an
 * anonymised text for a public channel) and /help. They answer only in ORGANISERS_CHAT_ID; in
 * private chats and other groups these commands do nothing. Register before the group's other
 * handlers, so that replies belonging to a broadcast dialog reach it first.
 */
export function organiserTools(options: OrganiserToolsOptions): Composer<Context> {
  const { core, content, translator, locale, logger } = options;
  const now = options.now ?? Date.now;
  const t = (key: string, args?: Record<string, string | number>) => translator.t(locale, key, args);
  const wordsOf = (key: string) =>
    t(key)
      .split(",")
      .map((word) => word.trim().toLowerCase())
      .filter(Boolean);
  const periodWords = { today: wordsOf("words-period-today"), all: wordsOf("words-period-all") };
  const html = (key: string, args?: Record<string, string | number>) => escapeHtml(t(key, args));
  const links = new LinkRegistry(options.storage);
  const outer = new Composer<Context>();
  // The conversations middleware installed first on this composer adds `ctx.conversation`, which is
  // what the flavoured type promises to the handlers below.
  const group = outer.filter((ctx) => ctx.chat !== undefined && ctx.chat.id === options.chatId()) as unknown as Composer<ToolsContext>;

  group.use(conversations<Context, Context>({ storage: conversationStorage(options.storage, DIALOG_VERSION) }));
  group.use(
    createConversation<Context, Context>(
      (conversation, ctx) => broadcastDialog(conversation, ctx, { core, translator, locale, logger, viber: options.viber }),
      {
        id: "broadcast",
        maxMillisecondsToWait: 6 * 3600 * 1000,
      },
    ),
  );

  group.command("broadcast", async (ctx) => {
    if (ctx.conversation.active("broadcast") > 0) {
      await ctx.reply(html("broadcast-already"), { parse_mode: "HTML" });
      return;
    }
    await ctx.conversation.enter("broadcast");
  });
  // A button of a dialog that has ended (pressed twice, or after a restart with new steps).
  group.callbackQuery(new RegExp(`^${DIALOG_DATA}`), (ctx) => ctx.answerCallbackQuery({ text: t("broadcast-dialog-over") }));

  const statsMessage = async (period: Period): Promise<{ text: string; keyboard: InlineKeyboardMarkup }> => {
    const view = await buildStats({ reports: core.reports, residents: core.residents, content, linkNames: await links.names() }, period, now(), locale, t);
    const keyboard: InlineKeyboardMarkup = {
      inline_keyboard: [
        PERIOD_BUTTONS.map((option) => {
          const label = periodLabel(option);
          const name = t(`${label.key}-short`, label.args);
          return { text: periodId(option) === periodId(period) ? `• ${name} •` : name, callback_data: `stats:${periodId(option)}` };
        }),
        [{ text: t("stats-button-chart", { weeks: TREND_WEEKS }), callback_data: "stats:chart" }],
      ],
    };
    return { text: statsHtml(view), keyboard };
  };

  group.command("stats", async (ctx) => {
    const period = parsePeriod(ctx.match, { kind: "days", days: 7 }, periodWords);
    if (!period) return void (await ctx.reply(html("stats-usage"), { parse_mode: "HTML" }));
    const { text, keyboard } = await statsMessage(period);
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  });

  group.callbackQuery("stats:chart", async (ctx) => {
    await ctx.answerCallbackQuery();
    const zone = content.organisation.timeZone;
    const weeks = await weeklyTrend(core.reports, now(), TREND_WEEKS);
    const label = (at: number) => localClock(at, zone).day.slice(5).split("-").reverse().join(".");
    const bars = weeks.map((week) => ({ label: label(week.from), value: week.complaints + week.questions + week.signups }));
    const lines = weeks.map((week) =>
      t("stats-chart-line", { week: label(week.from), complaints: week.complaints, questions: week.questions, signups: week.signups }),
    );
    await ctx.replyWithPhoto(new InputFile(barChartPng(bars), "viche-weeks.png"), {
      caption: escapeHtml([t("stats-chart-title", { weeks: TREND_WEEKS }), ...lines].join("\n")),
      parse_mode: "HTML",
    });
  });

  group.callbackQuery(/^stats:([a-z0-9]+)$/, async (ctx) => {
    const period = parsePeriod(ctx.match[1] ?? "", { kind: "days", days: 7 }, periodWords);
    if (!period) return void (await ctx.answerCallbackQuery());
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await statsMessage(period);
    await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard }).catch((error: unknown) => {
      if (!/not modified/i.test(String(error))) throw error;
    });
  });

  group.command("export", async (ctx) => {
    const period = parsePeriod(ctx.match, { kind: "days", days: 30 }, periodWords);
    if (!period) return void (await ctx.reply(html("export-usage"), { parse_mode: "HTML" }));
    const at = now();
    const zone = content.organisation.timeZone;
    const { csv, rows } = await exportCsv(core.reports, periodStart(period, at, zone), at, content, locale, t);
    const label = periodLabel(period);
    const fileName = `viche-${localClock(at, zone).day}-${periodId(period)}.csv`;
    await ctx.replyWithDocument(new InputFile(csv, fileName), {
      caption: html("export-caption", { period: t(label.key, label.args), rows }),
      parse_mode: "HTML",
    });
    logger.info({ organiser: ctx.from?.id, period: periodId(period), rows }, "export sent to the organisers' group");
  });

  group.command("summary", async (ctx) => {
    const period = parsePeriod(ctx.match, { kind: "days", days: 30 }, periodWords);
    if (!period) return void (await ctx.reply(html("summary-usage"), { parse_mode: "HTML" }));
    const text = await publicSummary(core.reports, content, period, now(), locale, t);
    // Plain text, no markup: it is meant to be copied as it is.
    await ctx.reply(text.slice(0, TELEGRAM_TEXT_LIMIT));
  });

  group.command("link", async (ctx) => {
    const name = ctx.match.trim();
    if (!isSourceName(name)) return void (await ctx.reply(html("link-usage"), { parse_mode: "HTML" }));
    const username = ctx.me.username;
    const telegramLink = telegramDeepLink(username, name);
    await links.remember(name, ctx.from?.id ?? 0, now());
    await ctx.replyWithDocument(new InputFile(await qrPng(telegramLink), `qr-telegram-${name}.png`), {
      caption: html("link-telegram", { name, link: telegramLink }),
      parse_mode: "HTML",
    });
    if (options.viberChatUri) {
      const viberLink = viberDeepLink(options.viberChatUri, name);
      await ctx.replyWithDocument(new InputFile(await qrPng(viberLink), `qr-viber-${name}.png`), {
        caption: html("link-viber", { name, link: viberLink }),
        parse_mode: "HTML",
      });
    } else {
      await ctx.reply(html("link-viber-missing"), { parse_mode: "HTML" });
    }
    logger.info({ organiser: ctx.from?.id, source: name, viber: Boolean(options.viberChatUri) }, "deep links made");
  });

  group.command("help", async (ctx) => {
    await ctx.reply(html("organisers-help"), { parse_mode: "HTML" });
  });

  return outer;
}

/** A QR code as a PNG big enough to print on a flyer. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 720 });
}

/** Statistics as Telegram HTML, cut to the message limit. */
export function statsHtml(view: StatsView): string {
  let text = `<b>${escapeHtml(view.title)}</b>`;
  for (const section of view.sections) {
    const part = `\n\n<b>${escapeHtml(section.title)}</b>\n${section.lines.map(escapeHtml).join("\n")}`;
    // Whole sections only, so the markup stays balanced; lists are already capped, so this is rare.
    if (text.length + part.length > TELEGRAM_TEXT_LIMIT - 2) return `${text}\n…`;
    text += part;
  }
  return text;
}

/** Shows organisers their commands in the group's command menu. */
export async function setOrganiserCommands(api: Api, chatId: number, translator: Translator, locale: Locale): Promise<void> {
  await api.setMyCommands(
    ORGANISER_COMMANDS.map((command) => ({ command, description: translator.t(locale, `organiser-command-${command}`) })),
    { scope: { type: "chat", chat_id: chatId } },
  );
}
