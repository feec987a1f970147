/**
 * Builders for the updates people cause: residents writing to the bot, pressing its buttons,
 * sharing a contact or a photo, organisers replying in the group. Each builds a realistic
 * Update, records the message in the chat's history and hands it to the double to deliver.
 */
import type { Message, MessageEntity, Update } from "grammy/types";
import { samplePhotoBytes } from "./http-kit.js";
import { asMessage, asUpdate, mimeTypeOf, photoSizes } from "./telegram-messages.js";
import type { ChatRecord, TelegramPerson, TelegramState } from "./telegram-state.js";
import { isObject, buttonRows, inlineButtons } from "./telegram-validate.js";

/** What the people helpers need from the double. */
export interface PeopleHost {
  readonly state: TelegramState;
  /** Delivers (webhook) or queues (getUpdates) an update. */
  deliver(update: Update): Promise<number | null>;
  /** Records an update that privacy mode keeps from the bot. */
  hide(update: Update): void;
}

/** Options for messages written in a group. */
export interface GroupMessageOptions {
  /** Forum topic the message is written in. */
  readonly threadId?: number;
  /** Id of the message this one replies to. */
  readonly replyTo?: number;
}

/** Which button to press: its callback_data or label, optionally on a given message. */
export type ButtonChoice = string | { readonly data?: string; readonly label?: string; readonly messageId?: number; readonly chatId?: number };

function commandEntities(text: string): MessageEntity[] | undefined {
  const match = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return match ? [{ type: "bot_command", offset: 0, length: match[0].length }] : undefined;
}

function personMessage(
  host: PeopleHost,
  chat: ChatRecord,
  person: TelegramPerson,
  fields: Record<string, unknown>,
  options: GroupMessageOptions = {},
): Message {
  const { state } = host;
  const user = state.userOf(person);
  chat.people.set(user.id, user);
  if (chat.kind !== "private") chat.members.add(user.id);
  let replyTo: Message | undefined;
  if (options.replyTo !== undefined) {
    const entry = chat.history.get(options.replyTo);
    if (!entry || entry.deleted) throw new Error(`Message ${options.replyTo} does not exist in chat ${chat.id}; cannot reply to it`);
    replyTo = { ...entry.message };
    delete replyTo.reply_to_message;
  }
  if (options.threadId !== undefined && chat.isForum && !chat.topics.has(options.threadId)) {
    throw new Error(`Chat ${chat.id} has no topic ${options.threadId}; create it with createForumTopic or double.addTopic`);
  }
  const message = asMessage({
    message_id: chat.nextMessageId++,
    from: user,
    chat: chat.chat,
    date: state.now(),
    ...(options.threadId !== undefined ? { message_thread_id: options.threadId, is_topic_message: true } : {}),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
    ...fields,
  });
  chat.history.set(message.message_id, { message, fromBot: false, deleted: false });
  return message;
}

async function fromPrivateChat(host: PeopleHost, person: TelegramPerson, fields: Record<string, unknown>, replyTo?: number): Promise<Update> {
  const chat = host.state.privateChat(person);
  if (chat.blocked) await unblock(host, chat, person);
  const message = personMessage(host, chat, person, fields, replyTo !== undefined ? { replyTo } : {});
  const update = asUpdate({ update_id: host.state.nextUpdateId(), message });
  await host.deliver(update);
  return update;
}

/** A resident writes text in the private chat (commands get their bot_command entity). */
export function sendText(host: PeopleHost, person: TelegramPerson, text: string, options: { replyTo?: number } = {}): Promise<Update> {
  const entities = commandEntities(text);
  return fromPrivateChat(host, person, { text, ...(entities ? { entities } : {}) }, options.replyTo);
}

/** A resident shares a contact; `own` means their own number (contact.user_id = their id). */
export function shareContact(host: PeopleHost, person: TelegramPerson, phone: string, own: boolean): Promise<Update> {
  const user = host.state.userOf(person);
  return fromPrivateChat(host, person, {
    contact: {
      phone_number: phone,
      first_name: own ? user.first_name : "Contact",
      ...(own ? { user_id: person.id } : {}),
    },
  });
}

/** A resident shares a location. */
export function sendLocation(host: PeopleHost, person: TelegramPerson, latitude: number, longitude: number): Promise<Update> {
  return fromPrivateChat(host, person, { location: { latitude, longitude } });
}

/** A resident sends a photo; its file can be fetched with getFile and downloaded. */
export function sendPhoto(host: PeopleHost, person: TelegramPerson, options: { bytes?: Buffer; caption?: string } = {}): Promise<Update> {
  const file = host.state.addFile("photo", options.bytes ?? samplePhotoBytes());
  const sizes = photoSizes(file);
  for (const size of sizes.slice(0, -1)) {
    host.state.files.set(String(size["file_id"]), { ...file, fileId: String(size["file_id"]), filePath: file.filePath.replace(".jpg", "_m.jpg") });
  }
  return fromPrivateChat(host, person, { photo: sizes, ...(options.caption !== undefined ? { caption: options.caption } : {}) });
}

/** A resident sends a sticker. */
export function sendSticker(host: PeopleHost, person: TelegramPerson): Promise<Update> {
  const file = host.state.addFile("sticker", Buffer.from("RIFF\0\0\0\0WEBPVP8 "));
  return fromPrivateChat(host, person, {
    sticker: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: "👍",
      file_size: file.bytes.length,
    },
  });
}

/** A resident sends a voice message. */
export function sendVoice(host: PeopleHost, person: TelegramPerson, durationSeconds = 3): Promise<Update> {
  const file = host.state.addFile("voice", Buffer.from("OggS\0fake-voice"));
  return fromPrivateChat(host, person, {
    voice: { file_id: file.fileId, file_unique_id: file.fileUniqueId, duration: durationSeconds, mime_type: "audio/ogg", file_size: file.bytes.length },
  });
}

/** A resident sends a document. */
export function sendDocument(host: PeopleHost, person: TelegramPerson, options: { fileName?: string; bytes?: Buffer; caption?: string } = {}): Promise<Update> {
  const fileName = options.fileName ?? "scan.pdf";
  const bytes = options.bytes ?? Buffer.from("%PDF-1.4\n%test\n");
  const file = host.state.addFile("document", bytes, { fileName, mimeType: mimeTypeOf(fileName) });
  return fromPrivateChat(host, person, {
    document: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: fileName, mime_type: file.mimeType, file_size: bytes.length },
    ...(options.caption !== undefined ? { caption: options.caption } : {}),
  });
}

/** A resident edits a text message they sent earlier (an `edited_message` update). */
export async function editMessage(host: PeopleHost, person: TelegramPerson, messageId: number, text: string): Promise<Update> {
  const chat = host.state.privateChat(person);
  const entry = chat.history.get(messageId);
  if (!entry || entry.fromBot || entry.deleted || entry.message.text === undefined) {
    throw new Error(`Resident ${person.id} has no text message ${messageId} to edit`);
  }
  const entities = commandEntities(text);
  const edited = asMessage({ ...entry.message, text, edit_date: host.state.now(), ...(entities ? { entities } : {}) });
  if (!entities) delete edited.entities;
  entry.message = edited;
  const update = asUpdate({ update_id: host.state.nextUpdateId(), edited_message: edited });
  await host.deliver(update);
  return update;
}

function describeButtons(chat: ChatRecord): string {
  const lines: string[] = [];
  for (const entry of [...chat.history.values()].reverse()) {
    if (!entry.sent || entry.deleted) continue;
    const buttons = inlineButtons(entry.message.reply_markup as Record<string, unknown> | undefined);
    if (buttons.length) lines.push(`  message ${entry.message.message_id}: ${buttons.map((b) => `[${b.text} → ${b.data ?? "(no callback_data)"}]`).join(" ")}`);
  }
  const keyboard = buttonRows(chat.replyKeyboard).flat();
  if (keyboard.length) lines.push(`  reply keyboard: ${keyboard.map((label) => `[${label}]`).join(" ")}`);
  return lines.length ? lines.join("\n") : "  (no buttons are shown)";
}

/**
 * A person presses a button the bot showed: an inline button (matched by callback_data, then
 * label; newest message first) gives a callback_query; a reply-keyboard button sends its label
 * as text. Throws when no such button is on screen, listing what is.
 */
export async function pressButton(host: PeopleHost, person: TelegramPerson, choice: ButtonChoice): Promise<Update> {
  const wanted = typeof choice === "string" ? { data: choice, label: choice } : choice;
  const chatId = (typeof choice === "string" ? undefined : choice.chatId) ?? person.id;
  const chat = host.state.chats.get(chatId);
  if (!chat) throw new Error(`Chat ${chatId} is unknown: the bot never sent a button there`);
  const entries = [...chat.history.values()].filter((entry) => entry.sent && !entry.deleted).reverse();
  for (const matchBy of ["data", "label"] as const) {
    const value = wanted[matchBy];
    if (value === undefined) continue;
    for (const entry of entries) {
      if (wanted.messageId !== undefined && entry.message.message_id !== wanted.messageId) continue;
      const markup = entry.message.reply_markup as Record<string, unknown> | undefined;
      const button = inlineButtons(markup).find((b) => (matchBy === "data" ? b.data === value : b.text === value));
      if (!button) continue;
      if (button.data === undefined)
        throw new Error(`Button "${button.text}" has no callback_data (a URL or other button): pressing it sends nothing to the bot`);
      const user = host.state.userOf(person);
      chat.people.set(user.id, user);
      const query = host.state.newCallbackQuery(chat.id, entry.message.message_id, button.data);
      const update: Update = {
        update_id: host.state.nextUpdateId(),
        callback_query: { id: query.id, from: user, message: entry.message, chat_instance: `-${chat.id}77`, data: button.data },
      };
      await host.deliver(update);
      return update;
    }
  }
  const label = wanted.label ?? wanted.data;
  const keyboardButton = buttonRows(chat.replyKeyboard)
    .flat()
    .find((text) => text === label);
  if (keyboardButton !== undefined && wanted.messageId === undefined) {
    const rows = chat.replyKeyboard?.["keyboard"];
    const raw = Array.isArray(rows) ? (rows as unknown[]).flat().find((b: unknown) => isObject(b) && b["text"] === label) : undefined;
    if (isObject(raw) && (raw["request_contact"] === true || raw["request_location"] === true)) {
      throw new Error(`"${label}" asks for a ${raw["request_contact"] === true ? "contact: use double.shareContact" : "location: use double.sendLocation"}`);
    }
    if (chat.kind === "private") return sendText(host, person, keyboardButton);
    return groupMessage(host, chat.id, person, keyboardButton, {}, "text");
  }
  throw new Error(`No button "${label}" is shown in chat ${chatId}. Buttons on screen:\n${describeButtons(chat)}`);
}

/** See {@link TelegramDouble.forgeButtonPress}. */
export async function forgeButtonPress(host: PeopleHost, person: TelegramPerson, data: string): Promise<Update> {
  const chat = host.state.chats.get(person.id);
  const entry = chat ? [...chat.history.values()].filter((candidate) => candidate.sent && !candidate.deleted).at(-1) : undefined;
  if (!chat || !entry) throw new Error(`The bot has sent nothing to ${person.id} yet: there is no message to press on`);
  const user = host.state.userOf(person);
  const query = host.state.newCallbackQuery(chat.id, entry.message.message_id, data);
  const update: Update = {
    update_id: host.state.nextUpdateId(),
    callback_query: { id: query.id, from: user, message: entry.message, chat_instance: `-${chat.id}77`, data },
  };
  await host.deliver(update);
  return update;
}

async function unblock(host: PeopleHost, chat: ChatRecord, person: TelegramPerson): Promise<void> {
  chat.blocked = false;
  await host.deliver(chatMemberUpdate(host.state, chat, host.state.userOf(person), "kicked", "member"));
}

/** A my_chat_member update for the bot's status changing in `chat`. */
export function chatMemberUpdate(
  state: TelegramState,
  chat: ChatRecord,
  from: ReturnType<TelegramState["userOf"]>,
  oldStatus: "member" | "kicked",
  newStatus: "member" | "kicked",
): Update {
  const member = (status: "member" | "kicked") => (status === "kicked" ? { status, user: state.botUser, until_date: 0 } : { status, user: state.botUser });
  return {
    update_id: state.nextUpdateId(),
    my_chat_member: { chat: chat.chat, from, date: state.now(), old_chat_member: member(oldStatus), new_chat_member: member(newStatus) },
  };
}

/**
 * A message in a group. Privacy mode (on unless the double was started without it) hides
 * everything but commands and replies to the bot from a bot that is not an admin: such
 * updates are kept in `double.hiddenUpdates` instead of being delivered.
 */
export async function groupMessage(
  host: PeopleHost,
  groupId: number,
  person: TelegramPerson,
  text: string,
  options: GroupMessageOptions,
  kind: "text" | "command" | "reply",
): Promise<Update> {
  const chat = host.state.chats.get(groupId);
  if (!chat || chat.kind === "private" || chat.kind === "channel") throw new Error(`Group ${groupId} is unknown: call double.addGroup first`);
  if (kind === "command" && !text.startsWith("/")) throw new Error(`A command starts with "/", got "${text}"`);
  const entities = commandEntities(text);
  const message = personMessage(host, chat, person, { text, ...(entities ? { entities } : {}) }, options);
  const update = asUpdate({ update_id: host.state.nextUpdateId(), message });
  const addressedTo = /^\/[A-Za-z0-9_]+@([A-Za-z0-9_]+)/.exec(text)?.[1];
  const isCommandForUs = entities !== undefined && (addressedTo === undefined || addressedTo.toLowerCase() === host.state.botUsername.toLowerCase());
  const repliesToBot = message.reply_to_message?.from?.id === host.state.botUser.id;
  if (!host.state.privacyMode || chat.botIsAdmin || isCommandForUs || repliesToBot) await host.deliver(update);
  else host.hide(update);
  return update;
}

/** A post in a channel the bot administers (a `channel_post` update). */
export async function channelPost(host: PeopleHost, channelId: number, text: string, title = `Channel ${channelId}`): Promise<Update> {
  const chat = host.state.addChannel(channelId, title);
  const message = asMessage({ message_id: chat.nextMessageId++, sender_chat: chat.chat, chat: chat.chat, date: host.state.now(), text });
  chat.history.set(message.message_id, { message, fromBot: false, deleted: false });
  const update = asUpdate({ update_id: host.state.nextUpdateId(), channel_post: message });
  await host.deliver(update);
  return update;
}
