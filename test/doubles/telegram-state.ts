/**
 * What the Telegram double remembers: chats, their message history, files, callback queries,
 * commands and the webhook. Shared by the method handlers (telegram-methods.ts), the people
 * helpers (telegram-people.ts) and the server (telegram-api.ts).
 */
import type { Chat, Message, Update, User } from "grammy/types";

/** A person as tests describe them; the private chat with them has the same id. */
export interface TelegramPerson {
  readonly id: number;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly username?: string;
  readonly language_code?: string;
}

/** Options for {@link TelegramState.addGroup}. */
export interface GroupOptions {
  /** User ids of the people in the group (they get status "member"). */
  readonly members?: readonly number[];
  /** User ids with status "administrator" (also members). */
  readonly admins?: readonly number[];
  /** A supergroup with topics enabled. */
  readonly isForum?: boolean;
  /** The bot is an administrator (may manage topics, delete others' messages, sees every message). */
  readonly botIsAdmin?: boolean;
  readonly title?: string;
  /** Defaults to "supergroup" (forums are always supergroups). */
  readonly type?: "group" | "supergroup";
  /** Public @username of the group, so `chat_id: "@name"` works. */
  readonly username?: string;
}

/** A file the double can serve: sent by a resident, or uploaded by the bot. */
export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly filePath: string;
  readonly kind: "photo" | "document" | "voice" | "sticker";
  readonly bytes: Buffer;
  readonly fileName?: string;
  readonly mimeType?: string;
}

/** A photo the bot sent. */
export interface SentPhoto {
  /** The file_id Telegram assigned (or that the bot reused). */
  readonly fileId: string;
  /** Size in bytes when uploaded or known; undefined for a URL. */
  readonly size: number | undefined;
  /** Set when the bot passed an HTTP URL. */
  readonly url?: string;
  /** True when the bytes were uploaded in this request. */
  readonly uploaded: boolean;
  readonly bytes?: Buffer;
}

/** A document the bot sent; `bytes` holds an uploaded file (e.g. an exported CSV). */
export interface SentDocument {
  readonly fileId: string;
  readonly fileName: string | undefined;
  readonly mimeType: string | undefined;
  readonly size: number | undefined;
  readonly uploaded: boolean;
  readonly bytes?: Buffer;
  readonly url?: string;
}

/**
 * One message the bot sent, as tests inspect it. Edits update `text`, `caption`, `replyMarkup`
 * and `message` in place and bump `edits`; deletion sets `deleted`.
 */
export interface SentMessage {
  readonly chatId: number;
  readonly messageId: number;
  /** The Bot API method that created it (sendMessage, sendPhoto, copyMessage, ...). */
  readonly method: string;
  /** Text as the bot sent it, markup included (see {@link visibleText} for what people see). */
  text?: string;
  caption?: string;
  /** parse_mode of the latest text/caption, if any. */
  parseMode?: string;
  /** reply_markup as sent (inline keyboard, reply keyboard, remove or force reply). */
  replyMarkup?: Record<string, unknown>;
  readonly photo?: SentPhoto;
  readonly document?: SentDocument;
  readonly location?: { readonly latitude: number; readonly longitude: number };
  /** Id of the message this one replies to. */
  readonly replyTo?: number;
  /** Forum topic (message_thread_id) it was sent to. */
  readonly thread?: number;
  /** For copyMessage/forwardMessage: where the original was. */
  readonly source?: { readonly chatId: number; readonly messageId: number };
  readonly date: number;
  edits: number;
  deleted: boolean;
  /** The Message object the API returned, kept current after edits. */
  message: Message;
}

/** A message in a chat's history (from the bot or from a person). */
export interface HistoryEntry {
  message: Message;
  readonly fromBot: boolean;
  deleted: boolean;
  /** Present for the bot's own messages. */
  readonly sent?: SentMessage;
}

/** Everything the double knows about one chat. */
export interface ChatRecord {
  readonly id: number;
  readonly chat: Chat;
  readonly kind: Chat["type"];
  readonly username: string | undefined;
  readonly members: Set<number>;
  readonly admins: Set<number>;
  readonly isForum: boolean;
  botIsAdmin: boolean;
  /** Forum topics by message_thread_id. */
  readonly topics: Map<number, { name: string; closed: boolean }>;
  blocked: boolean;
  nextMessageId: number;
  readonly history: Map<number, HistoryEntry>;
  /** The reply keyboard currently shown (the last one sent, until removed). */
  replyKeyboard: Record<string, unknown> | undefined;
  /** Users known in this chat, for building updates and getChatMember. */
  readonly people: Map<number, User>;
}

/** A callback query the double issued and whether the bot answered it. */
export interface CallbackQueryRecord {
  readonly id: string;
  readonly chatId: number;
  readonly messageId: number;
  readonly data: string;
  answered: boolean;
  answer?: { readonly text?: string; readonly showAlert?: boolean; readonly url?: string };
}

/** The webhook as set by setWebhook. */
export interface WebhookConfig {
  readonly url: string;
  readonly secretToken: string | undefined;
  readonly maxConnections: number;
  readonly allowedUpdates: readonly string[] | undefined;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** Bot commands, keyed by scope and language. */
export interface CommandEntry {
  readonly scope: Record<string, unknown>;
  readonly languageCode: string;
  readonly commands: ReadonlyArray<{ readonly command: string; readonly description: string }>;
}

/** Mutable state of one Telegram double. */
export class TelegramState {
  readonly botUser: User;
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly commands = new Map<string, CommandEntry>();
  readonly descriptions = new Map<string, string>();
  readonly sent: SentMessage[] = [];
  readonly queue: Update[] = [];
  webhook: WebhookConfig | undefined;
  /** The last allowed_updates the bot gave to getUpdates or setWebhook ([] = Telegram's default). */
  allowedUpdates: readonly string[] = [];
  #nextUpdateId = 700_000_001;
  #nextFile = 1;
  #nextQuery = 1;

  constructor(
    readonly token: string,
    readonly botUsername: string,
    readonly privacyMode: boolean,
  ) {
    const id = Number(token.split(":")[0]);
    this.botUser = {
      id: Number.isSafeInteger(id) && id > 0 ? id : 123456,
      is_bot: true,
      first_name: "Viche",
      username: botUsername,
    };
  }

  /** Seconds the double's clock runs ahead of the real one (see {@link TelegramDouble.advanceClock}). */
  clockOffsetS = 0;

  /** Current Unix time in seconds. */
  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffsetS;
  }

  /** Next update_id (strictly increasing). */
  nextUpdateId(): number {
    return this.#nextUpdateId++;
  }

  /** Finds a chat by numeric id or "@username". */
  findChat(chatId: number | string): ChatRecord | undefined {
    if (typeof chatId === "number") return this.chats.get(chatId);
    if (/^-?\d+$/.test(chatId)) return this.chats.get(Number(chatId));
    const name = chatId.replace(/^@/, "").toLowerCase();
    for (const chat of this.chats.values()) if (chat.username?.toLowerCase() === name) return chat;
    return undefined;
  }

  /** Registers (or returns) the private chat with a person. */
  privateChat(person: TelegramPerson): ChatRecord {
    if (!Number.isSafeInteger(person.id) || person.id <= 0) {
      throw new Error(`A Telegram user id must be a positive integer, got ${person.id}`);
    }
    const user = this.userOf(person);
    const existing = this.chats.get(person.id);
    if (existing) {
      existing.people.set(user.id, user);
      return existing;
    }
    const chat: Chat = {
      id: person.id,
      type: "private",
      first_name: user.first_name,
      ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
      ...(user.username !== undefined ? { username: user.username } : {}),
    };
    const record = this.newChatRecord(chat, { members: [person.id] }, user.username);
    record.people.set(user.id, user);
    return record;
  }

  /** Registers a group or supergroup the bot is in. */
  addGroup(chatId: number, options: GroupOptions = {}): ChatRecord {
    if (!Number.isSafeInteger(chatId) || chatId >= 0) {
      throw new Error(`Group chat ids are negative integers (e.g. -1001234567890), got ${chatId}`);
    }
    if (this.chats.has(chatId)) throw new Error(`Chat ${chatId} is already known to the double`);
    const type = options.isForum ? "supergroup" : (options.type ?? "supergroup");
    const title = options.title ?? `Group ${chatId}`;
    const chat = {
      id: chatId,
      type,
      title,
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.isForum ? { is_forum: true } : {}),
    } as Chat;
    return this.newChatRecord(chat, options, options.username);
  }

  /** Registers a channel (for channel posts). */
  addChannel(chatId: number, title: string): ChatRecord {
    const existing = this.chats.get(chatId);
    if (existing) return existing;
    const chat = { id: chatId, type: "channel", title } as Chat;
    return this.newChatRecord(chat, { botIsAdmin: true }, undefined);
  }

  private newChatRecord(chat: Chat, options: GroupOptions, username: string | undefined): ChatRecord {
    const admins = new Set(options.admins ?? []);
    const record: ChatRecord = {
      id: chat.id,
      chat,
      kind: chat.type,
      username,
      members: new Set([...(options.members ?? []), ...admins]),
      admins,
      isForum: options.isForum === true,
      botIsAdmin: options.botIsAdmin === true,
      topics: new Map(),
      blocked: false,
      nextMessageId: 1,
      history: new Map(),
      replyKeyboard: undefined,
      people: new Map(),
    };
    this.chats.set(chat.id, record);
    return record;
  }

  /** Builds a User object for a person. */
  userOf(person: TelegramPerson): User {
    return {
      id: person.id,
      is_bot: false,
      first_name: person.first_name ?? `Resident ${person.id}`,
      ...(person.last_name !== undefined ? { last_name: person.last_name } : {}),
      ...(person.username !== undefined ? { username: person.username } : {}),
      language_code: person.language_code ?? "uk",
    };
  }

  /** Registers a downloadable file and returns it. */
  addFile(kind: StoredFile["kind"], bytes: Buffer, extra: { fileName?: string; mimeType?: string } = {}): StoredFile {
    const n = this.#nextFile++;
    const folder = kind === "photo" ? "photos" : kind === "voice" ? "voice" : kind === "sticker" ? "stickers" : "documents";
    const extension = kind === "photo" ? "jpg" : kind === "voice" ? "oga" : kind === "sticker" ? "webp" : (extra.fileName?.split(".").pop() ?? "dat");
    const file: StoredFile = {
      fileId: `AgACAgIAAxkBAAI${kind.slice(0, 2).toUpperCase()}${String(n).padStart(6, "0")}_test`,
      fileUniqueId: `AQAD${String(n).padStart(6, "0")}`,
      filePath: `${folder}/file_${n}.${extension}`,
      kind,
      bytes,
      ...(extra.fileName !== undefined ? { fileName: extra.fileName } : {}),
      ...(extra.mimeType !== undefined ? { mimeType: extra.mimeType } : {}),
    };
    this.files.set(file.fileId, file);
    return file;
  }

  /** Issues a callback query id. */
  newCallbackQuery(chatId: number, messageId: number, data: string): CallbackQueryRecord {
    const record: CallbackQueryRecord = { id: `${4_100_000_000_000 + this.#nextQuery++}`, chatId, messageId, data, answered: false };
    this.callbackQueries.set(record.id, record);
    return record;
  }

  /** Appends a message to a chat's history (allocating its id if `message_id` is 0). */
  record(chat: ChatRecord, entry: HistoryEntry): void {
    chat.history.set(entry.message.message_id, entry);
    if (entry.sent) this.sent.push(entry.sent);
  }

  /** Forgets everything (keeps token and settings). */
  clear(): void {
    this.chats.clear();
    this.files.clear();
    this.callbackQueries.clear();
    this.commands.clear();
    this.descriptions.clear();
    this.sent.length = 0;
    this.queue.length = 0;
    this.webhook = undefined;
    this.allowedUpdates = [];
  }
}
