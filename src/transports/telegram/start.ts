import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import type { TelegramConfig } from "../../config.js";
import type { Translator } from "../../core/i18n.js";
import type { Locale } from "../../core/types.js";
import type { HttpServer } from "../../server.js";
import type { Storage } from "../../storage/storage.js";
import { setCommandMenus } from "./bot.js";
import { setOrganiserCommands } from "./desk/tools.js";
import { checkOrganisersGroup } from "./startup.js";
import { telegramWebhook } from "./webhook.js";

/** The updates Viche asks Telegram for. */
const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/** Dependencies of {@link connectTelegram}. */
export interface TelegramConnection {
  readonly bot: Bot;
  readonly config: TelegramConfig;
  readonly storage: Storage;
  readonly translator: Translator;
  readonly locale: Locale;
  readonly logger: Logger;
}

/** Telegram, connected: stop taking updates with {@link TelegramLink.stop}. */
export interface TelegramLink {
  stop(): Promise<void>;
}

/** Webhook mode: registers POST /telegram on the server (before it listens). */
export function routeTelegramWebhook(server: HttpServer, { bot, config, storage, logger }: TelegramConnection): void {
  if (!config.webhook) return;
  server.route("POST", "/telegram", telegramWebhook({ bot, storage, secret: config.webhook.secret, logger }));
}

/**
 * Goes live: command menus, then the webhook (or polling), then the organisers' group check that
 * says plainly what to fix when the bot cannot post there.
 */
export async function connectTelegram({ bot, config, translator, locale, logger }: TelegramConnection): Promise<TelegramLink> {
  await setCommandMenus(bot, translator, locale).catch((error: unknown) => logger.warn({ err: error }, "telegram: could not set the command menu"));
  if (config.organisersChatId !== undefined) {
    await setOrganiserCommands(bot.api, config.organisersChatId, translator, locale).catch((error: unknown) =>
      logger.warn({ err: error }, "telegram: could not set the organisers' command menu"),
    );
  }
  let runner: RunnerHandle | undefined;
  if (config.webhook) {
    await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    logger.info({ mode: "webhook" }, "telegram: webhook set");
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    logger.info({ mode: "polling" }, "telegram: polling");
  }
  if (config.organisersChatId !== undefined) await checkOrganisersGroup(bot, config.organisersChatId, logger);
  else {
    logger.warn(
      "ORGANISERS_CHAT_ID is not set: reports are kept and will be posted once it is. Add the bot to the organisers' group, send /chatid there and set the number.",
    );
  }
  return {
    async stop() {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
