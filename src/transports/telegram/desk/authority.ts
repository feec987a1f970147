import { Composer, type Api, type Context } from "grammy";
import type { Logger } from "pino";
import { escapeHtml } from "../render.js";

/**
 * Commands that reach personal data or every resident (/export, /broadcast), decide about residents
 * (/ban, /unban) or speak for the organisation (/summary, /link): only in the organisers' main group,
 * and by default only for its administrators.
 */
export const MAIN_GROUP_COMMANDS = ["export", "broadcast", "ban", "unban", "summary", "link"] as const;

/** Commands about the whole organisation that a routed category group has no part in. */
const NOT_IN_ROUTED_GROUPS = [...MAIN_GROUP_COMMANDS, "stats"] as const;

/** How long an answer of getChatMember is trusted: a demoted administrator loses the tools within this. */
export const ADMIN_CACHE_MS = 60_000;

/** Chat member statuses that count as the group's administrators. */
const ADMIN_STATUSES = new Set(["creator", "administrator"]);

/** Answers "is this user an administrator of this chat?" with getChatMember, cached briefly. */
export class AdminCheck {
  private readonly known = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly api: Api,
    private readonly ttlMs = ADMIN_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `userId` is the creator or an administrator of `chatId` (per Telegram, within the cache time). */
  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const cached = this.known.get(key);
    if (cached && cached.until > this.now()) return cached.admin;
    const member = await this.api.getChatMember(chatId, userId);
    const admin = ADMIN_STATUSES.has(member.status);
    this.known.set(key, { admin, until: this.now() + this.ttlMs });
    return admin;
  }
}

/** Dependencies of {@link organiserAuthority}. */
export interface OrganiserAuthorityOptions {
  /** The main group now (ORGANISERS_CHAT_ID or the group connected with /connect). */
  readonly chatId: () => number | undefined;
  /** Groups that receive routed categories' cards. */
  readonly routedChatIds: readonly number[];
  /** ORGANISER_TOOLS_FOR=members: every member of the main group may use the main-group commands. */
  readonly allMembers: boolean;
  readonly admins: AdminCheck;
  readonly t: (key: string, args?: Record<string, string | number>) => string;
  readonly logger: Logger;
}

/**
 * Guards the main-group commands: in a routed group they are refused (saying they belong to the
 * main group), and in the main group a member who is not an administrator is refused (saying who may)
 * unless the operator allowed all members. Register before the organisers' tools and group handlers.
 */
export function organiserAuthority(options: OrganiserAuthorityOptions): Composer<Context> {
  const { t, logger } = options;
  const routedIds = new Set(options.routedChatIds);
  // A routed group that is also the main group (now) is treated as the main group.
  const isRouted = (chatId: number) => routedIds.has(chatId) && chatId !== options.chatId();
  const composer = new Composer<Context>();
  const refuse = (ctx: Context, key: string) =>
    ctx.reply(escapeHtml(t(key)), {
      parse_mode: "HTML",
      ...(ctx.message ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {}),
    });

  composer
    .filter((ctx) => ctx.chat !== undefined && isRouted(ctx.chat.id))
    .command([...NOT_IN_ROUTED_GROUPS], async (ctx) => {
      logger.info(
        { chat: ctx.chat.id, organiser: ctx.from?.id, command: ctx.message?.text?.split(/[\s@]/)[0] },
        "main-group command refused in a routed group",
      );
      await refuse(ctx, "authority-main-group-only");
    });

  composer
    .filter((ctx) => ctx.chat !== undefined && ctx.chat.id === options.chatId() && !options.allMembers)
    .command([...MAIN_GROUP_COMMANDS], async (ctx, next) => {
      // An anonymous administrator writes as the group itself.
      if (ctx.message?.sender_chat?.id === ctx.chat.id) return next();
      const userId = ctx.from?.id;
      if (userId !== undefined && (await options.admins.isAdmin(ctx.chat.id, userId))) return next();
      logger.info({ organiser: userId, command: ctx.message?.text?.split(/[\s@]/)[0] }, "main-group command refused: not an administrator");
      await refuse(ctx, "authority-admins-only");
    });

  return composer;
}
