/**
 * The Telegram double's method table: the message methods from telegram-messages.ts plus
 * callback answers, chats and members, forum topics, files and bot settings. getUpdates and
 * the webhook methods live with update delivery in telegram-updates.ts.
 */
import {
  copyOrForward,
  deleteMessage,
  deleteMessages,
  editMessageCaption,
  editMessageReplyMarkup,
  editMessageText,
  FILE_LIMITS,
  asMessage,
  knownChat,
  sendChatAction,
  sendDocument,
  sendLocation,
  sendMessage,
  sendPhoto,
  stableJson,
  targetChat,
  type MethodContext,
  type MethodHandler,
} from "./telegram-messages.js";
import type { ChatRecord } from "./telegram-state.js";
import { Params, badRequest, isObject, TEXT_LIMITS } from "./telegram-validate.js";

export type { MethodContext, MethodHandler } from "./telegram-messages.js";

const TOPIC_COLORS = new Set([7322096, 16766590, 13338331, 9367192, 16749490, 16478047]);
function answerCallbackQuery(ctx: MethodContext, params: Params): true {
  const id = params.string("callback_query_id") ?? badRequest("query is too old and response timeout expired or query ID is invalid");
  const query = ctx.state.callbackQueries.get(id);
  if (!query || query.answered) return badRequest("query is too old and response timeout expired or query ID is invalid");
  const text = params.string("text");
  if (text !== undefined && text.length > TEXT_LIMITS.callbackAnswer) return badRequest("MESSAGE_TOO_LONG");
  const showAlert = params.bool("show_alert");
  const url = params.string("url");
  query.answered = true;
  query.answer = { ...(text !== undefined ? { text } : {}), ...(showAlert !== undefined ? { showAlert } : {}), ...(url ? { url } : {}) };
  return true;
}

function getMe(ctx: MethodContext): Record<string, unknown> {
  return {
    ...ctx.state.botUser,
    can_join_groups: true,
    can_read_all_group_messages: !ctx.state.privacyMode,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
}

function getChat(ctx: MethodContext, params: Params): Record<string, unknown> {
  const chat = knownChat(ctx, params, "chat_id");
  return {
    ...chat.chat,
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false },
  };
}

function adminRights(): Record<string, boolean> {
  return {
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: true,
    can_restrict_members: true,
    can_promote_members: false,
    can_change_info: true,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_pin_messages: true,
    can_manage_topics: true,
  };
}

function memberOf(ctx: MethodContext, chat: ChatRecord, userId: number): Record<string, unknown> {
  const { botUser } = ctx.state;
  if (userId === botUser.id) {
    return chat.botIsAdmin && chat.kind !== "private" ? { status: "administrator", user: botUser, ...adminRights() } : { status: "member", user: botUser };
  }
  const user = chat.people.get(userId) ?? ctx.state.chats.get(userId)?.people.get(userId) ?? { id: userId, is_bot: false, first_name: `User ${userId}` };
  if (chat.admins.has(userId)) return { status: "administrator", user, ...adminRights() };
  if (chat.members.has(userId)) return { status: "member", user };
  return { status: "left", user };
}

function getChatMember(ctx: MethodContext, params: Params): Record<string, unknown> {
  const chat = knownChat(ctx, params, "chat_id");
  const userId = params.int("user_id") ?? badRequest("user not found");
  return memberOf(ctx, chat, userId);
}

function getChatAdministrators(ctx: MethodContext, params: Params): Array<Record<string, unknown>> {
  const chat = knownChat(ctx, params, "chat_id");
  if (chat.kind === "private") return badRequest("there are no administrators in the private chat");
  const ids = [...chat.admins, ...(chat.botIsAdmin ? [ctx.state.botUser.id] : [])];
  return ids.map((id) => memberOf(ctx, chat, id));
}

function getChatMemberCount(ctx: MethodContext, params: Params): number {
  const chat = knownChat(ctx, params, "chat_id");
  return chat.kind === "private" ? 2 : chat.members.size + 1;
}

function createForumTopic(ctx: MethodContext, params: Params): Record<string, unknown> {
  const chat = targetChat(ctx, params);
  if (!chat.isForum) return badRequest("the chat is not a forum");
  if (!chat.botIsAdmin) return badRequest("not enough rights to create a topic");
  const name = params.string("name") ?? "";
  if (name.trim() === "") return badRequest("TOPIC_TITLE_EMPTY");
  if (name.length > 128) return badRequest("TOPIC_TITLE_TOO_LONG");
  const iconColor = params.int("icon_color") ?? 7322096;
  if (!TOPIC_COLORS.has(iconColor)) return badRequest("invalid icon color");
  const threadId = chat.nextMessageId++;
  chat.topics.set(threadId, { name, closed: false });
  const message = asMessage({
    message_id: threadId,
    from: ctx.state.botUser,
    date: ctx.state.now(),
    chat: chat.chat,
    message_thread_id: threadId,
    is_topic_message: true,
    forum_topic_created: { name, icon_color: iconColor },
  });
  chat.history.set(threadId, { message, fromBot: true, deleted: false });
  return { message_thread_id: threadId, name, icon_color: iconColor };
}

function topicOf(ctx: MethodContext, params: Params): { chat: ChatRecord; threadId: number } {
  const chat = targetChat(ctx, params);
  if (!chat.isForum) return badRequest("the chat is not a forum");
  if (!chat.botIsAdmin) return badRequest("not enough rights to manage topics");
  const threadId = params.int("message_thread_id") ?? badRequest("message thread not found");
  if (!chat.topics.has(threadId)) return badRequest("message thread not found");
  return { chat, threadId };
}

function setTopicClosed(ctx: MethodContext, params: Params, closed: boolean): true {
  const { chat, threadId } = topicOf(ctx, params);
  const topic = chat.topics.get(threadId);
  if (topic) {
    if (topic.closed === closed) return badRequest("TOPIC_NOT_MODIFIED");
    topic.closed = closed;
  }
  return true;
}

function deleteForumTopic(ctx: MethodContext, params: Params): true {
  const { chat, threadId } = topicOf(ctx, params);
  chat.topics.delete(threadId);
  return true;
}

function getFile(ctx: MethodContext, params: Params): Record<string, unknown> {
  const fileId = params.string("file_id") ?? badRequest("invalid file_id");
  const file = ctx.state.files.get(fileId) ?? badRequest("invalid file_id");
  if (file.bytes.length > FILE_LIMITS.download) return badRequest("file is too big");
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, file_path: file.filePath };
}

const SCOPE_TYPES = new Set(["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"]);

function commandKey(ctx: MethodContext, params: Params): { key: string; scope: Record<string, unknown>; languageCode: string } {
  const scope = params.object("scope") ?? { type: "default" };
  const type = scope["type"];
  if (typeof type !== "string" || !SCOPE_TYPES.has(type)) return badRequest("can't parse BotCommandScope: unsupported type");
  if (type.startsWith("chat")) {
    const chatId = scope["chat_id"];
    if ((typeof chatId !== "number" && typeof chatId !== "string") || !ctx.state.findChat(chatId)) return badRequest("chat not found");
    if (type === "chat_member" && typeof scope["user_id"] !== "number") return badRequest("user not found");
  }
  const languageCode = params.string("language_code") ?? "";
  if (languageCode !== "" && !/^[a-z]{2}$/.test(languageCode)) return badRequest("invalid language code specified");
  return { key: `${stableJson(scope)}|${languageCode}`, scope, languageCode };
}

function setMyCommands(ctx: MethodContext, params: Params): true {
  const commands = params.array("commands") ?? badRequest('parameter "commands" is required');
  if (commands.length > 100) return badRequest("too many commands");
  const checked = commands.map((entry) => {
    if (!isObject(entry)) return badRequest("can't parse BotCommand");
    const command = entry["command"];
    const description = entry["description"];
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) return badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.trim().length < 1 || description.length > 256) {
      return badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command, description };
  });
  const { key, scope, languageCode } = commandKey(ctx, params);
  if (checked.length === 0) ctx.state.commands.delete(key);
  else ctx.state.commands.set(key, { scope, languageCode, commands: checked });
  return true;
}

function getMyCommands(ctx: MethodContext, params: Params): unknown[] {
  const { key } = commandKey(ctx, params);
  return [...(ctx.state.commands.get(key)?.commands ?? [])];
}

function deleteMyCommands(ctx: MethodContext, params: Params): true {
  ctx.state.commands.delete(commandKey(ctx, params).key);
  return true;
}

function describing(field: "description" | "short_description" | "name", max: number) {
  const set: MethodHandler = (ctx, params) => {
    const value = params.string(field) ?? "";
    const languageCode = params.string("language_code") ?? "";
    if (value.length > max) return badRequest(`${field.toUpperCase()}_TOO_LONG`);
    ctx.state.descriptions.set(`${field}|${languageCode}`, value);
    return true;
  };
  const get: MethodHandler = (ctx, params) => ({
    [field]: ctx.state.descriptions.get(`${field}|${params.string("language_code") ?? ""}`) ?? "",
  });
  return { set, get };
}

const description = describing("description", 512);
const shortDescription = describing("short_description", 120);
const botName = describing("name", 64);

/** Handlers by lower-cased method name (the Bot API matches method names case-insensitively). */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map<string, MethodHandler>([
  ["getme", getMe],
  ["sendmessage", sendMessage],
  ["sendphoto", sendPhoto],
  ["senddocument", sendDocument],
  ["sendlocation", sendLocation],
  ["sendchataction", sendChatAction],
  ["copymessage", (ctx, params) => ({ message_id: copyOrForward(ctx, params, "copyMessage").message_id })],
  ["forwardmessage", (ctx, params) => copyOrForward(ctx, params, "forwardMessage")],
  ["editmessagetext", editMessageText],
  ["editmessagecaption", editMessageCaption],
  ["editmessagereplymarkup", editMessageReplyMarkup],
  ["deletemessage", deleteMessage],
  ["deletemessages", deleteMessages],
  ["answercallbackquery", answerCallbackQuery],
  ["getchat", getChat],
  ["getchatmember", getChatMember],
  ["getchatadministrators", getChatAdministrators],
  ["getchatmembercount", getChatMemberCount],
  ["createforumtopic", createForumTopic],
  ["closeforumtopic", (ctx, params) => setTopicClosed(ctx, params, true)],
  ["reopenforumtopic", (ctx, params) => setTopicClosed(ctx, params, false)],
  ["deleteforumtopic", deleteForumTopic],
  ["getfile", getFile],
  ["setmycommands", setMyCommands],
  ["getmycommands", getMyCommands],
  ["deletemycommands", deleteMyCommands],
  ["setmydescription", description.set],
  ["getmydescription", description.get],
  ["setmyshortdescription", shortDescription.set],
  ["getmyshortdescription", shortDescription.get],
  ["setmyname", botName.set],
  ["getmyname", botName.get],
]);

/** Methods that put a message in a chat (the ones flood limits apply to). */
export const SENDING_METHODS: ReadonlySet<string> = new Set(["sendmessage", "sendphoto", "senddocument", "sendlocation", "copymessage", "forwardmessage"]);
