import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, Composer, type Context, type Middleware } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { Core } from "../../core/core.js";
import type { Translator } from "../../core/i18n.js";
import { LOCALES, type Locale, type OutgoingMessage } from "../../core/types.js";
import type { TelegramConfig } from "../../config.js";
import { AdminCheck, organiserAuthority } from "./desk/authority.js";
import { organisersGroup } from "./desk/group.js";
import type { Storage } from "../../storage/storage.js";
import { leanFetch } from "../http.js";
import { eventFromTelegram } from "./receive.js";
import { editInPlace } from "./sender.js";

/** Dependencies of the Telegram transport. */
export interface TelegramBotOptions {
  readonly config: TelegramConfig;
  readonly core: Core;
  readonly storage: Storage;
  readonly translator: Translator;
  readonly organisersLocale: Locale;
  readonly logger: Logger;
  /** Sends the replies to the resident who wrote (queues them when Telegram is down). */
  readonly reply: (chatId: string, messages: readonly OutgoingMessage[]) => Promise<void>;
  /** Known bot identity (tests); otherwise fetched with getMe at start. */
  readonly botInfo?: UserFromGetMe;
  /** The organisers' tools (/stats, /export, /broadcast ...), run before the group's card handlers. */
  readonly organiserTools?: Middleware<Context>;
  /** The organisers' group id now (ORGANISERS_CHAT_ID or the group connected with /connect). */
  readonly organisersChatId?: () => number | undefined;
  /** Other groups that receive cards of some categories (content routing): card buttons and replies work there too. */
  readonly routedChatIds?: readonly number[];
  /** Told of every update: its kind (message, callback_query …) and how long handling took (metrics). */
  readonly observeUpdate?: (kind: string, seconds: number) => void;
}

/** Updates are remembered this long to drop Telegram's redeliveries (it keeps updates 24 h). */
const UPDATE_MEMORY_MS = 26 * 3600 * 1000;

/** Commands shown in Telegram's menu, per language. Descriptions live in the locale files. */
export const MENU_COMMANDS = ["start", "programme", "question", "complaint", "volunteer", "status", "language", "help", "mydata", "forget", "cancel"] as const;

/**
 * Builds the grammY bot: deduplicates updates, hands the organisers' group to its module, and
 * turns every private chat update into a neutral event for the core, one resident at a time.
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const { config, core, storage, logger } = options;
  const bot = new Bot(config.token, {
    // In webhook mode the button's "answered" goes back in the webhook's own response: one HTTP
    // request less for every button press. Bot API calls go through the transports' lean fetch
    // (../http.ts) instead of node-fetch.
    client: {
      apiRoot: config.apiRoot,
      canUseWebhookReply: (method) => method === "answerCallbackQuery",
      fetch: leanFetch,
    },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // 429s are retried here after retry_after; 5xx and network errors go back to the caller at once
  // (the outbox retries with its own backoff, so an outage never blocks a resident's chat).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));

  const observe = options.observeUpdate;
  if (observe) {
    bot.use(async (ctx, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        observe(Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown", (performance.now() - started) / 1000);
      }
    });
  }

  // One chat's updates are handled in the order they arrived, also when polling concurrently.
  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));

  // Each update is processed once, even when Telegram delivers it again (a webhook that timed out,
  // polling after a crash). It is marked done only after it was handled, so an update that was
  // being handled when the process died is handled again rather than lost.
  const updates = new Composer<Context>();
  const processed = storage.collection<true>("tg-update");
  // One lock per update: a resident's update takes their lock here (so also their events are handled one
  // at a time across processes, and the handler below needs no lock of its own); any other update its own.
  updates.use(async (ctx, next) => {
    const id = String(ctx.update.update_id);
    const lock = ctx.chat?.type === "private" ? residentLock(ctx.chat.id) : `tg-update:${id}`;
    await storage.withLock(lock, async () => {
      if (await processed.get(id)) {
        logger.debug({ update: ctx.update.update_id }, "telegram: duplicate update ignored");
        return;
      }
      await next();
      await processed.set(id, true, UPDATE_MEMORY_MS);
    });
  });

  // The organisers' side: their tools, commands and buttons in their groups, and the commands that
  // work in any chat (/chatid, /connect). Updates it does not take go on to the residents' side.
  const organisersChatId = options.organisersChatId ?? (() => config.organisersChatId);
  const organisersSide = new Composer<Context>();
  organisersSide.use(
    organiserAuthority({
      chatId: organisersChatId,
      routedChatIds: options.routedChatIds ?? [],
      allMembers: config.organiserToolsFor === "members",
      admins: new AdminCheck(bot.api),
      t: (key, args) => options.translator.t(options.organisersLocale, key, args),
      logger,
    }),
  );
  if (options.organiserTools) organisersSide.use(options.organiserTools);
  organisersSide.use(
    organisersGroup({
      chatId: organisersChatId,
      ...(options.routedChatIds ? { routedChatIds: options.routedChatIds } : {}),
      core,
      storage,
      translator: options.translator,
      locale: options.organisersLocale,
      logger,
    }),
  );

  // The residents' side: a private chat's events go to the core. Plain functions, not grammY
  // filters (each filter builds a composer per update: measured, a few per cent of a button press).
  const residentsSide = async (ctx: Context): Promise<void> => {
    if (ctx.chat?.type !== "private") return;
    // A resident blocked (or unblocked) the bot: stop sending to them until they write again.
    if (ctx.myChatMember) {
      const status = ctx.myChatMember.new_chat_member.status;
      if (status === "kicked" || status === "left") {
        await core.handle({ channel: "telegram", id: String(ctx.chat.id) }, { kind: "unsubscribed" });
      }
      return;
    }
    const event = eventFromTelegram(ctx);
    const chatId = ctx.chat.id;
    if (!event) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const resident = { channel: "telegram" as const, id: String(chatId) };
    // Under the resident's lock, taken with the update's (above).
    const replies = await core.handle(resident, event, ctx.from?.language_code ? { languageCode: ctx.from.language_code } : {});
    // The button stops spinning while the answer is on its way; neither waits for the other.
    const answered = ctx.callbackQuery ? ctx.answerCallbackQuery().catch(() => undefined) : undefined;
    logger.debug({ channel: "telegram", update: ctx.update.update_id, event: event.kind, replies: replies.length }, "telegram: handled");
    // A multi-select tick updates the pressed message in place (stored first, like any reply).
    const pressed = ctx.callbackQuery?.message?.message_id;
    const inPlace = pressed !== undefined && replies.length === 1 && replies[0]?.replacesPrevious === true;
    if (inPlace) await storage.flush();
    if (!inPlace || !(await editInPlace(ctx.api, chatId, pressed, replies))) await options.reply(String(chatId), replies);
    await answered;
  };
  const everything = new Composer<Context>(organisersSide, residentsSide).middleware();
  // Button presses and words in a private chat (nearly every update) go straight to the residents'
  // side: no organiser handler acts on them. A command in a private chat may be one of the organisers'
  // that work anywhere, so it takes the whole way like every other update.
  updates.use((ctx, next) => (ctx.chat?.type === "private" && !ctx.message?.text?.startsWith("/") ? residentsSide(ctx) : everything(ctx, next)));

  // An update that fails because storage is down is not lost: the webhook answers 503 and Telegram
  // sends it again; the poller keeps it unconfirmed and tries again once storage is back (polling.ts).
  bot.use(updates);

  bot.catch((error) => {
    logger.error({ err: error.error, update: error.ctx.update.update_id }, "telegram: update failed");
  });
  return bot;
}

/** The lock under which one Telegram resident's events are handled. */
function residentLock(chatId: number): string {
  return `resident:telegram:${chatId}`;
}

/** Sets the localised command menu (Ukrainian by default, English for English-speaking users). */
export async function setCommandMenus(bot: Bot, translator: Translator, defaultLocale: Locale): Promise<void> {
  for (const locale of LOCALES) {
    const commands = MENU_COMMANDS.map((command) => ({ command, description: translator.t(locale, `command-${command}`) }));
    await bot.api.setMyCommands(commands, { scope: { type: "all_private_chats" }, ...(locale === defaultLocale ? {} : { language_code: locale }) });
  }
}
