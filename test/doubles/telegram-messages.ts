/**
 * Bot API methods of the Telegram double that put, change or remove messages in chats
 * (sendMessage, sendPhoto, copyMessage, editMessageText, deleteMessage, ...), and the pieces
 * every handler shares. Each handler validates like Telegram, throws {@link ApiRefusal} with
 * Telegram's description, and returns the result.
 */
import type { Message, Update } from "grammy/types";
import { ApiRefusal, Params, badRequest, checkCaption, checkMessageText, checkReplyMarkup, isObject } from "./telegram-validate.js";
import type { ChatRecord, HistoryEntry, SentDocument, SentMessage, SentPhoto, StoredFile, TelegramState } from "./telegram-state.js";

/** What method handlers need from the server. */
export interface MethodContext {
  readonly state: TelegramState;
  /** Called once a send to `chat` passed validation; throws a 429 refusal when over a limit. */
  admit(chat: ChatRecord): void;
}

/** A method handler. */
export type MethodHandler = (ctx: MethodContext, params: Params) => unknown;

/** Bytes limits Telegram applies to uploads and downloads. */
export const FILE_LIMITS = { photoUpload: 10 * 1024 * 1024, upload: 50 * 1024 * 1024, download: 20 * 1024 * 1024 } as const;

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Casts a hand-built object to grammY's Message type (the one place that needs a cast). */
export function asMessage(fields: Record<string, unknown>): Message {
  return fields as unknown as Message;
}

/** Casts a hand-built update (grammY's Update narrows message kinds by chat type). */
export function asUpdate(fields: { update_id: number } & Record<string, unknown>): Update {
  return fields;
}

/** JSON with sorted keys, for comparing markups. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined && value[key] !== null)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The chat a message goes to: must be known, and must not have blocked or removed the bot. */
export function targetChat(ctx: MethodContext, params: Params, name = "chat_id"): ChatRecord {
  const chat = ctx.state.findChat(params.chatId(name));
  if (!chat) return badRequest("chat not found");
  if (chat.blocked) {
    throw new ApiRefusal(
      403,
      chat.kind === "private" ? "Forbidden: bot was blocked by the user" : `Forbidden: bot was kicked from the ${chat.kind} chat`,
      "blocked",
    );
  }
  return chat;
}

/** A chat the bot refers to (e.g. from_chat_id): must be known; blocking does not matter. */
export function knownChat(ctx: MethodContext, params: Params, name: string): ChatRecord {
  return ctx.state.findChat(params.chatId(name)) ?? badRequest("chat not found");
}

function threadOf(chat: ChatRecord, params: Params): number | undefined {
  const thread = params.int("message_thread_id");
  if (thread === undefined || !chat.isForum) return undefined;
  const topic = chat.topics.get(thread);
  if (!topic) return badRequest("message thread not found");
  if (topic.closed && !chat.botIsAdmin) return badRequest("TOPIC_CLOSED");
  return thread;
}

function replyOf(ctx: MethodContext, chat: ChatRecord, params: Params): HistoryEntry | undefined {
  const replyParameters = params.object("reply_parameters");
  let messageId: number | undefined;
  let allow: boolean;
  let replyChat = chat;
  if (replyParameters) {
    const id = replyParameters["message_id"];
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return badRequest("can't parse reply parameters JSON object");
    messageId = id;
    allow = replyParameters["allow_sending_without_reply"] === true;
    const otherChat = replyParameters["chat_id"];
    if (typeof otherChat === "number" || typeof otherChat === "string") {
      replyChat = ctx.state.findChat(otherChat) ?? badRequest("chat not found");
    }
  } else {
    messageId = params.int("reply_to_message_id");
    allow = params.bool("allow_sending_without_reply") === true;
  }
  if (messageId === undefined) return undefined;
  const entry = replyChat.history.get(messageId);
  if (!entry || entry.deleted) return allow ? undefined : badRequest("message to be replied not found");
  return entry;
}

/** The fields shared by every message the bot sends. */
interface Outgoing {
  readonly method: string;
  readonly fields: Record<string, unknown>;
  readonly text?: string;
  readonly caption?: string;
  readonly parseMode?: string;
  readonly markup: Record<string, unknown> | undefined;
  readonly reply: HistoryEntry | undefined;
  readonly thread: number | undefined;
  readonly photo?: SentPhoto;
  readonly document?: SentDocument;
  readonly location?: { latitude: number; longitude: number };
  readonly source?: { chatId: number; messageId: number };
}

/** Creates the bot's message in `chat`, records it and returns the Message object. */
export function postBotMessage(ctx: MethodContext, chat: ChatRecord, out: Outgoing): Message {
  const { state } = ctx;
  const messageId = chat.nextMessageId++;
  const date = state.now();
  const replyMessage = out.reply ? { ...out.reply.message } : undefined;
  if (replyMessage) delete replyMessage.reply_to_message;
  const message = asMessage({
    message_id: messageId,
    ...(chat.kind === "channel" ? { sender_chat: chat.chat } : { from: state.botUser }),
    date,
    chat: chat.chat,
    ...(out.thread !== undefined ? { message_thread_id: out.thread, is_topic_message: true } : {}),
    ...(replyMessage ? { reply_to_message: replyMessage } : {}),
    ...out.fields,
    ...(out.markup && "inline_keyboard" in out.markup ? { reply_markup: out.markup } : {}),
  });
  const sent: SentMessage = {
    chatId: chat.id,
    messageId,
    method: out.method,
    ...(out.text !== undefined ? { text: out.text } : {}),
    ...(out.caption !== undefined ? { caption: out.caption } : {}),
    ...(out.parseMode !== undefined ? { parseMode: out.parseMode } : {}),
    ...(out.markup !== undefined ? { replyMarkup: out.markup } : {}),
    ...(out.photo ? { photo: out.photo } : {}),
    ...(out.document ? { document: out.document } : {}),
    ...(out.location ? { location: out.location } : {}),
    ...(out.reply ? { replyTo: out.reply.message.message_id } : {}),
    ...(out.thread !== undefined ? { thread: out.thread } : {}),
    ...(out.source ? { source: out.source } : {}),
    date,
    edits: 0,
    deleted: false,
    message,
  };
  state.record(chat, { message, fromBot: true, deleted: false, sent });
  if (out.markup && "keyboard" in out.markup) chat.replyKeyboard = out.markup;
  if (out.markup && "remove_keyboard" in out.markup) chat.replyKeyboard = undefined;
  return message;
}

function common(ctx: MethodContext, params: Params, chat: ChatRecord) {
  const thread = threadOf(chat, params);
  const markup = checkReplyMarkup(params.object("reply_markup"), chat);
  const reply = replyOf(ctx, chat, params);
  params.bool("disable_notification");
  params.bool("protect_content");
  return { thread, markup, reply };
}

function isImage(bytes: Buffer): boolean {
  const hex = bytes.subarray(0, 12).toString("hex");
  return (
    hex.startsWith("ffd8ff") ||
    hex.startsWith("89504e470d0a1a0a") ||
    hex.startsWith("47494638") ||
    (hex.startsWith("52494646") && bytes.subarray(8, 12).toString("latin1") === "WEBP")
  );
}

/** Guesses a MIME type from a file name, as Telegram does for documents. */
export function mimeTypeOf(fileName: string | undefined): string {
  const extension = fileName?.split(".").pop()?.toLowerCase() ?? "";
  const known: Record<string, string> = {
    csv: "text/csv",
    txt: "text/plain",
    json: "application/json",
    pdf: "application/pdf",
    zip: "application/zip",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
  };
  return known[extension] ?? "application/octet-stream";
}

/** PhotoSize array for a stored photo (a thumbnail and the full size, largest last). */
export function photoSizes(file: StoredFile): Array<Record<string, unknown>> {
  return [
    { file_id: `${file.fileId}_m`, file_unique_id: `${file.fileUniqueId}m`, width: 90, height: 90, file_size: Math.min(file.bytes.length, 1500) },
    { file_id: file.fileId, file_unique_id: file.fileUniqueId, width: 800, height: 800, file_size: file.bytes.length },
  ];
}

function resolvePhoto(ctx: MethodContext, params: Params): { photo: SentPhoto; sizes: Array<Record<string, unknown>> } {
  const input = params.inputFile("photo");
  if (input.kind === "upload") {
    const bytes = input.part.bytes;
    if (bytes.length === 0) return badRequest("file must be non-empty");
    if (bytes.length > FILE_LIMITS.photoUpload) throw new ApiRefusal(413, "Request Entity Too Large");
    if (!isImage(bytes)) return badRequest("IMAGE_PROCESS_FAILED");
    const file = ctx.state.addFile("photo", bytes);
    return { photo: { fileId: file.fileId, size: bytes.length, uploaded: true, bytes }, sizes: photoSizes(file) };
  }
  if (input.kind === "url") {
    const file = ctx.state.addFile("photo", Buffer.alloc(0));
    return { photo: { fileId: file.fileId, size: undefined, url: input.url, uploaded: false }, sizes: photoSizes(file) };
  }
  const file = ctx.state.files.get(input.fileId) ?? badRequest("wrong file identifier/HTTP URL specified");
  if (file.kind !== "photo") return badRequest("type of file mismatch");
  return { photo: { fileId: file.fileId, size: file.bytes.length, uploaded: false }, sizes: photoSizes(file) };
}

function resolveDocument(ctx: MethodContext, params: Params): { document: SentDocument; fields: Record<string, unknown> } {
  const input = params.inputFile("document");
  let file: StoredFile;
  let document: SentDocument;
  if (input.kind === "upload") {
    const { bytes, filename } = input.part;
    if (bytes.length === 0) return badRequest("file must be non-empty");
    if (bytes.length > FILE_LIMITS.upload) throw new ApiRefusal(413, "Request Entity Too Large");
    file = ctx.state.addFile("document", bytes, { fileName: filename, mimeType: mimeTypeOf(filename) });
    document = { fileId: file.fileId, fileName: filename, mimeType: file.mimeType, size: bytes.length, uploaded: true, bytes };
  } else if (input.kind === "url") {
    const fileName = new URL(input.url).pathname.split("/").pop() || "file";
    file = ctx.state.addFile("document", Buffer.alloc(0), { fileName, mimeType: mimeTypeOf(fileName) });
    document = { fileId: file.fileId, fileName, mimeType: file.mimeType, size: undefined, uploaded: false, url: input.url };
  } else {
    file = ctx.state.files.get(input.fileId) ?? badRequest("wrong file identifier/HTTP URL specified");
    if (file.kind === "photo") return badRequest("type of file mismatch");
    document = { fileId: file.fileId, fileName: file.fileName, mimeType: file.mimeType, size: file.bytes.length, uploaded: false };
  }
  return {
    document,
    fields: {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        ...(file.fileName !== undefined ? { file_name: file.fileName } : {}),
        ...(file.mimeType !== undefined ? { mime_type: file.mimeType } : {}),
        file_size: file.bytes.length,
      },
    },
  };
}

function editable(ctx: MethodContext, params: Params): { chat: ChatRecord; entry: HistoryEntry; sent: SentMessage } {
  if (params.has("inline_message_id")) return badRequest("MESSAGE_ID_INVALID");
  const chat = targetChat(ctx, params);
  const messageId = params.int("message_id") ?? badRequest("message identifier is not specified");
  const entry = chat.history.get(messageId);
  if (!entry || entry.deleted) return badRequest("message to edit not found");
  if (!entry.sent) return badRequest("message can't be edited");
  return { chat, entry, sent: entry.sent };
}

function applyEdit(ctx: MethodContext, entry: HistoryEntry, sent: SentMessage, fields: Record<string, unknown>, markup?: Record<string, unknown>): Message {
  const message: Record<string, unknown> = { ...entry.message, ...fields, edit_date: ctx.state.now() };
  delete message["reply_markup"];
  if (markup) message["reply_markup"] = markup;
  entry.message = asMessage(message);
  sent.message = entry.message;
  sent.edits += 1;
  return entry.message;
}

function currentInlineMarkup(entry: HistoryEntry): string {
  return stableJson(entry.message.reply_markup ?? null);
}

/** The sendMessage method. */
export function sendMessage(ctx: MethodContext, params: Params): Message {
  const chat = targetChat(ctx, params);
  const text = params.string("text");
  const parseMode = params.string("parse_mode");
  const visible = checkMessageText(text, parseMode);
  const { thread, markup, reply } = common(ctx, params, chat);
  ctx.admit(chat);
  return postBotMessage(ctx, chat, {
    method: "sendMessage",
    fields: { text: visible },
    ...(text !== undefined ? { text } : {}),
    ...(parseMode !== undefined ? { parseMode } : {}),
    markup,
    reply,
    thread,
  });
}

/** The sendPhoto method. */
export function sendPhoto(ctx: MethodContext, params: Params): Message {
  const chat = targetChat(ctx, params);
  const caption = params.string("caption");
  const parseMode = params.string("parse_mode");
  const visible = checkCaption(caption, parseMode);
  const { thread, markup, reply } = common(ctx, params, chat);
  const { photo, sizes } = resolvePhoto(ctx, params);
  ctx.admit(chat);
  return postBotMessage(ctx, chat, {
    method: "sendPhoto",
    fields: { photo: sizes, ...(visible ? { caption: visible } : {}) },
    ...(caption !== undefined ? { caption } : {}),
    ...(parseMode !== undefined ? { parseMode } : {}),
    markup,
    reply,
    thread,
    photo,
  });
}

/** The sendDocument method. */
export function sendDocument(ctx: MethodContext, params: Params): Message {
  const chat = targetChat(ctx, params);
  const caption = params.string("caption");
  const parseMode = params.string("parse_mode");
  const visible = checkCaption(caption, parseMode);
  const { thread, markup, reply } = common(ctx, params, chat);
  const { document, fields } = resolveDocument(ctx, params);
  ctx.admit(chat);
  return postBotMessage(ctx, chat, {
    method: "sendDocument",
    fields: { ...fields, ...(visible ? { caption: visible } : {}) },
    ...(caption !== undefined ? { caption } : {}),
    ...(parseMode !== undefined ? { parseMode } : {}),
    markup,
    reply,
    thread,
    document,
  });
}

/** The sendLocation method. */
export function sendLocation(ctx: MethodContext, params: Params): Message {
  const chat = targetChat(ctx, params);
  const latitude = params.number("latitude") ?? badRequest("wrong latitude");
  const longitude = params.number("longitude") ?? badRequest("wrong longitude");
  if (latitude < -90 || latitude > 90) return badRequest("wrong latitude");
  if (longitude < -180 || longitude > 180) return badRequest("wrong longitude");
  const { thread, markup, reply } = common(ctx, params, chat);
  ctx.admit(chat);
  return postBotMessage(ctx, chat, {
    method: "sendLocation",
    fields: { location: { latitude, longitude } },
    markup,
    reply,
    thread,
    location: { latitude, longitude },
  });
}

/** The sendChatAction method. */
export function sendChatAction(ctx: MethodContext, params: Params): true {
  const chat = targetChat(ctx, params);
  const action = params.string("action");
  if (!action || !CHAT_ACTIONS.has(action)) return badRequest("wrong parameter action in request");
  threadOf(chat, params);
  return true;
}

const COPYABLE = ["text", "photo", "document", "location", "contact", "sticker", "voice", "venue"] as const;

/** copyMessage and forwardMessage (forwardMessage returns the Message, copyMessage only its id). */
export function copyOrForward(ctx: MethodContext, params: Params, method: "copyMessage" | "forwardMessage"): Message {
  const chat = targetChat(ctx, params);
  const from = knownChat(ctx, params, "from_chat_id");
  const messageId = params.int("message_id") ?? badRequest("message identifier is not specified");
  const verb = method === "copyMessage" ? "copy" : "forward";
  const original = from.history.get(messageId);
  if (!original || original.deleted) return badRequest(`message to ${verb} not found`);
  const source = original.message as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of COPYABLE) if (source[key] !== undefined) fields[key] = source[key];
  if (Object.keys(fields).length === 0) return badRequest(`message can't be ${verb === "copy" ? "copied" : "forwarded"}`);
  const thread = threadOf(chat, params);
  let caption = typeof source["caption"] === "string" ? source["caption"] : undefined;
  let parseMode: string | undefined;
  let markup: Record<string, unknown> | undefined;
  let reply: HistoryEntry | undefined;
  if (method === "copyMessage") {
    markup = checkReplyMarkup(params.object("reply_markup"), chat);
    reply = replyOf(ctx, chat, params);
    if (params.has("caption") && fields["text"] === undefined) {
      caption = params.string("caption");
      parseMode = params.string("parse_mode");
      const visible = checkCaption(caption, parseMode);
      if (visible) fields["caption"] = visible;
    } else if (caption !== undefined) {
      fields["caption"] = caption;
    }
  } else {
    if (caption !== undefined) fields["caption"] = caption;
    const sender = original.message.from;
    fields["forward_origin"] =
      from.kind === "channel"
        ? { type: "channel", chat: from.chat, message_id: messageId, date: original.message.date }
        : { type: "user", sender_user: sender ?? ctx.state.botUser, date: original.message.date };
  }
  ctx.admit(chat);
  const photoSizesOf = Array.isArray(source["photo"]) ? (source["photo"] as Array<Record<string, unknown>>) : undefined;
  const largest = photoSizesOf?.at(-1);
  const documentOf = isObject(source["document"]) ? source["document"] : undefined;
  return postBotMessage(ctx, chat, {
    method,
    fields,
    ...(typeof fields["text"] === "string" ? { text: fields["text"] } : {}),
    ...(caption !== undefined && fields["text"] === undefined ? { caption } : {}),
    ...(parseMode !== undefined ? { parseMode } : {}),
    markup,
    reply,
    thread,
    ...(largest ? { photo: { fileId: String(largest["file_id"]), size: Number(largest["file_size"]) || undefined, uploaded: false } } : {}),
    ...(documentOf
      ? {
          document: {
            fileId: String(documentOf["file_id"]),
            fileName: typeof documentOf["file_name"] === "string" ? documentOf["file_name"] : undefined,
            mimeType: typeof documentOf["mime_type"] === "string" ? documentOf["mime_type"] : undefined,
            size: Number(documentOf["file_size"]) || undefined,
            uploaded: false,
          },
        }
      : {}),
    ...(original.message.location ? { location: { ...original.message.location } } : {}),
    source: { chatId: from.id, messageId },
  });
}

/** The editMessageText method. */
export function editMessageText(ctx: MethodContext, params: Params): Message {
  const { chat, entry, sent } = editable(ctx, params);
  if (entry.message.text === undefined) return badRequest("there is no text in the message to edit");
  const text = params.string("text");
  const parseMode = params.string("parse_mode");
  const visible = checkMessageText(text, parseMode);
  const markup = checkReplyMarkup(params.object("reply_markup"), chat, true);
  const sameText = sent.text === text && (sent.parseMode ?? "").toLowerCase() === (parseMode ?? "").toLowerCase();
  if (sameText && currentInlineMarkup(entry) === stableJson(markup ?? null)) return badRequest(NOT_MODIFIED);
  sent.text = text;
  if (parseMode !== undefined) sent.parseMode = parseMode;
  else delete sent.parseMode;
  if (markup) sent.replyMarkup = markup;
  else delete sent.replyMarkup;
  return applyEdit(ctx, entry, sent, { text: visible }, markup);
}

/** The editMessageCaption method. */
export function editMessageCaption(ctx: MethodContext, params: Params): Message {
  const { chat, entry, sent } = editable(ctx, params);
  if (entry.message.text !== undefined || (!entry.message.photo && !entry.message.document)) {
    return badRequest("there is no caption in the message to edit");
  }
  const caption = params.string("caption");
  const parseMode = params.string("parse_mode");
  const visible = checkCaption(caption, parseMode);
  const markup = checkReplyMarkup(params.object("reply_markup"), chat, true);
  const sameCaption = (sent.caption ?? "") === (caption ?? "") && (sent.parseMode ?? "").toLowerCase() === (parseMode ?? "").toLowerCase();
  if (sameCaption && currentInlineMarkup(entry) === stableJson(markup ?? null)) return badRequest(NOT_MODIFIED);
  if (caption !== undefined) sent.caption = caption;
  else delete sent.caption;
  if (parseMode !== undefined) sent.parseMode = parseMode;
  else delete sent.parseMode;
  if (markup) sent.replyMarkup = markup;
  else delete sent.replyMarkup;
  const message = applyEdit(ctx, entry, sent, {}, markup);
  const fields = message as unknown as Record<string, unknown>;
  if (visible) fields["caption"] = visible;
  else delete fields["caption"];
  return message;
}

/** The editMessageReplyMarkup method. */
export function editMessageReplyMarkup(ctx: MethodContext, params: Params): Message {
  const { chat, entry, sent } = editable(ctx, params);
  const markup = checkReplyMarkup(params.object("reply_markup"), chat, true);
  if (currentInlineMarkup(entry) === stableJson(markup ?? null)) return badRequest(NOT_MODIFIED);
  if (markup) sent.replyMarkup = markup;
  else delete sent.replyMarkup;
  return applyEdit(ctx, entry, sent, {}, markup);
}

/** Telegram deletes a message only within 48 hours of sending it. */
const DELETE_WINDOW_S = 48 * 3600;

function deleteOne(ctx: MethodContext, chat: ChatRecord, messageId: number): void {
  const entry = chat.history.get(messageId);
  if (!entry || entry.deleted) return badRequest("message to delete not found");
  if (ctx.state.now() - entry.message.date >= DELETE_WINDOW_S) return badRequest("message can't be deleted for everyone");
  if (!entry.fromBot && chat.kind !== "private" && !chat.botIsAdmin) return badRequest("message can't be deleted for everyone");
  entry.deleted = true;
  if (entry.sent) entry.sent.deleted = true;
}

/** The deleteMessage method. */
export function deleteMessage(ctx: MethodContext, params: Params): true {
  const chat = targetChat(ctx, params);
  deleteOne(ctx, chat, params.int("message_id") ?? badRequest("message identifier is not specified"));
  return true;
}

/** The deleteMessages method. */
export function deleteMessages(ctx: MethodContext, params: Params): true {
  const chat = targetChat(ctx, params);
  const ids = params.array("message_ids") ?? badRequest("message identifiers are not specified");
  if (ids.length < 1 || ids.length > 100) return badRequest("too many messages to delete");
  for (const id of ids) {
    const entry = typeof id === "number" ? chat.history.get(id) : undefined;
    if (entry && !entry.deleted && typeof id === "number") deleteOne(ctx, chat, id);
  }
  return true;
}
