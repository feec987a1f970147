import { GrammyError, type Bot } from "grammy";
import type { Logger } from "pino";
import type { TelegramConfig } from "../../config.js";
import type { Translator } from "../../core/i18n.js";
import type { Locale } from "../../core/types.js";
import type { HttpServer } from "../../server.js";
import type { Storage } from "../../storage/storage.js";
import { setCommandMenus } from "./bot.js";
import { setOrganiserCommands } from "./desk/tools.js";
import type { OrganisersChat } from "./desk/organisers-chat.js";
import { checkOrganisersGroup } from "./startup.js";
import { Poller } from "./polling.js";
import { telegramWebhook } from "./webhook.js";
import { reasonOf } from "../../core/outage.js";

/** The updates Viche asks Telegram for. */
const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/** The longest wait between two tries to reach Telegram at start. */
const MAX_RETRY_MS = 60_000;

/** Dependencies of {@link connectTelegram}. */
export interface TelegramConnection {
  readonly bot: Bot;
  readonly config: TelegramConfig;
  readonly storage: Storage;
  readonly translator: Translator;
  readonly locale: Locale;
  readonly logger: Logger;
  /** The webhook's secret: TELEGRAM_WEBHOOK_SECRET, or one generated and stored (webhook mode only). */
  readonly webhookSecret: string | undefined;
  /** The organisers' group: ORGANISERS_CHAT_ID, or the one connected with /connect. */
  readonly organisersChat: OrganisersChat;
  /** Tells the operator the one-time /connect code while no group is fixed by the configuration. */
  readonly announceConnectCode: () => Promise<void>;
}

/** Telegram, connected: stop taking updates with {@link TelegramLink.stop}. */
export interface TelegramLink {
  stop(): Promise<void>;
}

/** Webhook mode: registers POST /telegram on the server (before it listens). */
export function routeTelegramWebhook(server: HttpServer, { bot, config, storage, logger, webhookSecret }: TelegramConnection): void {
  if (!config.webhook || !webhookSecret) return;
  server.route("POST", "/telegram", telegramWebhook({ bot, storage, secret: webhookSecret, logger }));
}

/**
 * Goes live: command menus, then the webhook (or polling), then the organisers' group check that
 * says plainly what to fix when the bot cannot post there.
 */
export async function connectTelegram(connection: TelegramConnection): Promise<TelegramLink> {
  const { bot, config, storage, translator, locale, logger, organisersChat } = connection;
  await setCommandMenus(bot, translator, locale).catch((error: unknown) => logger.warn({ err: error }, "telegram: could not set the command menu"));
  const groupId = organisersChat.id;
  if (groupId !== undefined) {
    await setOrganiserCommands(bot.api, groupId, translator, locale).catch((error: unknown) =>
      logger.warn({ err: error }, "telegram: could not set the organisers' command menu"),
    );
  }
  let poller: Poller | undefined;
  if (config.webhook && connection.webhookSecret) {
    const url = config.webhook.url;
    const secret = connection.webhookSecret;
    await untilReachable("setWebhook", logger, () => bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }));
    logger.info({ mode: "webhook" }, "telegram: webhook set");
  } else {
    await untilReachable("deleteWebhook", logger, () => bot.api.deleteWebhook());
    poller = new Poller({ bot, storage, logger, allowedUpdates: ALLOWED_UPDATES });
    poller.start();
    logger.info({ mode: "polling" }, "telegram: polling");
  }
  if (groupId !== undefined) await checkOrganisersGroup(bot, groupId, logger);
  if (!organisersChat.fixedByConfig) await connection.announceConnectCode();
  return {
    async stop() {
      await poller?.stop();
    },
  };
}

/**
 * Fetches the bot's identity (getMe), waiting for Telegram when it cannot be reached: one clear
 * line each time, at a growing interval, saying what is retried and what to check. A refused
 * token is not retried.
 */
export async function initTelegram(bot: Bot, logger: Logger): Promise<void> {
  if (bot.isInited()) return;
  // Not bot.init(): it retries getMe forever on its own and says nothing while it does.
  bot.botInfo = await untilReachable("getMe", logger, () => bot.api.getMe());
}

async function untilReachable<T>(what: string, logger: Logger, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await call();
      if (attempt > 1) logger.info({ attempts: attempt }, `telegram: reachable again (${what})`);
      return result;
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new Error(`Telegram refused the bot token (${what}: ${error.description}); check TELEGRAM_BOT_TOKEN`, { cause: error });
      }
      const waitMs = Math.min(MAX_RETRY_MS, 1000 * 2 ** (attempt - 1));
      logger.warn(
        { call: what, attempt, retryInMs: waitMs, reason: reasonOf(error) },
        `telegram: cannot reach the Bot API (${what}); retrying in ${Math.round(waitMs / 1000)} s. Check the network, TELEGRAM_API_ROOT and any proxy or firewall`,
      );
      logger.debug({ err: error }, "telegram: unreachable");
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
