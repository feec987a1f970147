import { Composer, type Context } from "grammy";
import type { Logger } from "pino";
import type { Translator } from "../../../core/i18n.js";
import type { Locale } from "../../../core/types.js";
import { escapeHtml } from "../render.js";
import type { OrganisersChat } from "./organisers-chat.js";

/** Dependencies of {@link connectCommand}. */
export interface ConnectCommandOptions {
  readonly chat: OrganisersChat;
  readonly translator: Translator;
  /** The organisers' language (DEFAULT_LOCALE). */
  readonly locale: Locale;
  readonly logger: Logger;
  /** Runs once a group is connected: command menu, waiting cards. */
  readonly onConnected: (chatId: number) => Promise<void>;
}

/**
 * `/connect CODE`: an administrator of a group makes it the organisers' group with the one-time
 * code Viche printed at start. Members who are not administrators, wrong codes and private chats
 * are told why nothing happened; with ORGANISERS_CHAT_ID set the command changes nothing.
 */
export function connectCommand(options: ConnectCommandOptions): Composer<Context> {
  const { chat, translator, locale, logger } = options;
  const say = (ctx: Context, key: string) => ctx.reply(escapeHtml(translator.t(locale, key)), { parse_mode: "HTML" });
  const composer = new Composer<Context>();

  composer.command("connect", async (ctx) => {
    if (ctx.chat.type !== "group" && ctx.chat.type !== "supergroup") return void (await say(ctx, "connect-only-groups"));
    if (chat.fixedByConfig) return void (await say(ctx, "connect-fixed-by-config"));
    const code = ctx.match.trim();
    if (!code) return void (await say(ctx, "connect-usage"));
    if (!(await isAdministrator(ctx))) return void (await say(ctx, "connect-not-admin"));
    const outcome = await chat.connect(code, ctx.chat.id);
    if (outcome !== "connected") {
      logger.warn({ chatId: ctx.chat.id }, "connect: a wrong or used code was sent");
      return void (await say(ctx, "connect-wrong-code"));
    }
    logger.info({ chatId: ctx.chat.id }, "connect: this group is now the organisers' group");
    await say(ctx, "connect-done");
    await options.onConnected(ctx.chat.id);
  });
  return composer;
}

/**
 * Without ORGANISERS_CHAT_ID: a fresh one-time code, printed for the operator and logged at info,
 * for an administrator to send as `/connect CODE` in the organisers' group (or in a new group, to move).
 */
export async function announceConnectCode(chat: OrganisersChat, logger: Logger, announce: ((line: string) => void) | undefined): Promise<void> {
  const code = await chat.issueCode();
  const line =
    chat.id === undefined
      ? `Connect the organisers' group: add the bot to the group, then an administrator sends /connect ${code} there. Reports wait in the outbox until then.`
      : `To move the organisers' group to another group, an administrator sends /connect ${code} there.`;
  logger.info({ code, connected: chat.id !== undefined }, line);
  announce?.(line);
}

/** An administrator (or the owner) of the chat, also when writing anonymously as the group. */
async function isAdministrator(ctx: Context): Promise<boolean> {
  if (!ctx.chat || !ctx.from) return false;
  if (ctx.senderChat?.id === ctx.chat.id) return true;
  const member = await ctx.api.getChatMember(ctx.chat.id, ctx.from.id);
  return member.status === "administrator" || member.status === "creator";
}
