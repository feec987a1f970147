/**
 * A local double of Telegram's Bot API for end-to-end tests and benchmarks.
 *
 * Point grammY at it with `new Bot(double.token, { client: { apiRoot: double.apiRoot } })`.
 * It answers like api.telegram.org (same result shapes, same `{ ok: false, error_code,
 * description }` refusals) and is strict where Telegram is: a message Telegram would refuse is
 * refused here too and listed in `double.errors`, which tests should expect to be empty.
 *
 * Updates from people are made with the helpers (`sendText`, `pressButton`, `groupReply`, ...):
 * they are queued for getUpdates, or POSTed to the webhook once the bot called setWebhook.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Message, Update, User } from "grammy/types";
import { plainTextOf } from "./html.js";
import { ChangeSignal, FaultBook, clip, parseMultipart, readBody, sendJson, startLoopbackServer, type FaultRule, type LoopbackServer } from "./http-kit.js";
import { METHODS, SENDING_METHODS, type MethodContext } from "./telegram-methods.js";
import * as people from "./telegram-people.js";
import {
  TelegramState,
  type CallbackQueryRecord,
  type ChatRecord,
  type GroupOptions,
  type SentMessage,
  type StoredFile,
  type TelegramPerson,
  type WebhookConfig,
} from "./telegram-state.js";
import { UPDATE_METHODS, UpdateChannel, type Delivery } from "./telegram-updates.js";
import { ApiRefusal, Params, badRequest, buttonRows, isObject, type RefusalKind } from "./telegram-validate.js";

export type { ButtonChoice, GroupMessageOptions } from "./telegram-people.js";
export type { Delivery } from "./telegram-updates.js";
export type { GroupOptions, SentDocument, SentMessage, SentPhoto, StoredFile, TelegramPerson } from "./telegram-state.js";

/** Flood limits to enforce (all off by default so ordinary tests are not slowed). */
export interface TelegramLimits {
  /** Messages per second to one chat (Telegram: about 1). */
  readonly perChatPerSecond?: number;
  /** Messages per minute to one group, i.e. a chat with a negative id (Telegram: 20). */
  readonly perGroupPerMinute?: number;
  /** Messages per second overall (Telegram: about 30). */
  readonly globalPerSecond?: number;
}

/** Options of {@link startTelegramDouble}. */
export interface TelegramDoubleOptions {
  /** Bot token; requests with another token get 401. Default "123456:TEST-TOKEN". */
  readonly token?: string;
  /** The bot's @username. Default "viche_test_bot". */
  readonly botUsername?: string;
  /** Flood limits answered with 429 and `retry_after`. */
  readonly limits?: TelegramLimits;
  /** Group privacy mode (default true): a non-admin bot only gets commands and replies to it. */
  readonly privacyMode?: boolean;
  /** How long a webhook POST may take before it counts as failed. Default 30 000 ms. */
  readonly webhookTimeoutMs?: number;
}

/** One request the double answered. */
export interface ApiCall {
  /** Method name as requested (e.g. "sendMessage"). */
  readonly method: string;
  /** Parameters; uploaded files appear as `{ filename, size }`. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly ok: boolean;
  /** HTTP status of the answer. */
  readonly status: number;
  readonly result?: unknown;
  readonly description?: string;
  /**
   * "ok"; "refused" when the request was invalid (these are {@link TelegramDouble.errors});
   * "blocked" for 403s from chats that blocked the bot; "rate-limited" for flood-limit 429s;
   * "injected" for failures set up with failNext/setOutage.
   */
  readonly kind: "ok" | RefusalKind;
  /** Date.now() when answered. */
  readonly time: number;
  /** True when the bot made the call in its webhook response body. */
  readonly viaWebhookReply?: boolean;
}

/** A failure to inject with {@link TelegramDouble.failNext}. */
export interface TelegramFailure {
  /** HTTP status / error_code: 429, or 5xx for an outage (any other code works too). */
  readonly status: number;
  /** For 429: seconds in `parameters.retry_after` (default 1). */
  readonly retryAfter?: number;
  /** How many matching calls fail (default 1). */
  readonly times?: number;
  /** Only calls to this chat. */
  readonly chatId?: number | string;
  /** Overrides the description. */
  readonly description?: string;
  /** Answer with an HTML error page (as a proxy in front of Telegram does) instead of JSON. */
  readonly html?: boolean;
}

/** A standing outage for {@link TelegramDouble.setOutage}. */
export interface TelegramOutage {
  /** Methods affected (default: all). */
  readonly method?: string | readonly string[];
  readonly chatId?: number | string;
  /** Default 502. */
  readonly status?: number;
  readonly retryAfter?: number;
  readonly description?: string;
  readonly html?: boolean;
  /** Extra condition on the call. */
  readonly match?: (call: { method: string; params: Readonly<Record<string, unknown>> }) => boolean;
}

type Fault = Omit<TelegramFailure, "times" | "chatId">;

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly html?: boolean;
}

const MAX_BODY_BYTES = 60 * 1024 * 1024;

/** The Telegram Bot API double. Create it with {@link startTelegramDouble}. */
export class TelegramDouble {
  /** Pass as grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  /** Every request, in order. */
  readonly calls: ApiCall[] = [];
  /** Group messages privacy mode kept from the bot. */
  readonly hiddenUpdates: Update[] = [];
  readonly #state: TelegramState;
  readonly #server: LoopbackServer;
  readonly #limits: TelegramLimits | undefined;
  readonly #faults = new FaultBook<Fault>();
  readonly #signal = new ChangeSignal();
  readonly #sendTimes = new Map<string, number[]>();
  readonly #updates: UpdateChannel;

  /** @internal Use {@link startTelegramDouble}. */
  constructor(server: LoopbackServer, state: TelegramState, options: TelegramDoubleOptions) {
    this.#server = server;
    this.#state = state;
    this.apiRoot = server.origin;
    this.token = state.token;
    this.#limits = options.limits;
    this.#updates = new UpdateChannel(state, this.#signal, options.webhookTimeoutMs ?? 30_000, (method, params) =>
      this.#invoke(method, params, undefined, true),
    );
  }

  /** Every update handed to the bot, with the webhook's HTTP status when there is one. */
  get deliveries(): readonly Delivery[] {
    return this.#updates.deliveries;
  }

  /** The bot's own User (id from the token, username from the options). */
  get botUser(): User {
    return this.#state.botUser;
  }

  /** Requests the double refused because they were invalid; tests should end with none. */
  get errors(): ApiCall[] {
    return this.calls.filter((call) => call.kind === "refused");
  }

  /** The webhook set by the bot, if any. */
  get webhook(): Readonly<WebhookConfig> | undefined {
    return this.#state.webhook;
  }

  /** Every message the bot sent, in order, across chats. */
  get sentMessages(): readonly SentMessage[] {
    return this.#state.sent;
  }

  /** What the bot sent to a chat, in order (deleted ones included, flagged `deleted`). */
  messagesTo(chatId: number): SentMessage[] {
    return this.#state.sent.filter((message) => message.chatId === chatId);
  }

  /** The bot's latest message in a chat that is not deleted. */
  lastMessageTo(chatId: number): SentMessage | undefined {
    return this.messagesTo(chatId)
      .filter((message) => !message.deleted)
      .at(-1);
  }

  /**
   * Resolves with the first sent message matching `predicate` (checked again after every
   * request, so it also sees edits; messages sent before the call count too unless `after`
   * is given); rejects after `timeoutMs` (default 2000) listing what
   * the bot sent and what the double refused.
   */
  waitFor(
    predicate: (message: SentMessage) => boolean,
    options: {
      timeoutMs?: number;
      chatId?: number;
      /** Only messages sent after this many (take `double.sentMessages.length` before acting). */
      after?: number;
    } = {},
  ): Promise<SentMessage> {
    const candidates = () => {
      const later = this.#state.sent.slice(options.after ?? 0);
      return options.chatId === undefined ? later : later.filter((message) => message.chatId === options.chatId);
    };
    return this.#signal.waitFor(
      () => candidates().find(predicate),
      options.timeoutMs ?? 2_000,
      () => `No sent message matched${options.chatId !== undefined ? ` in chat ${options.chatId}` : ""}.\n${this.describe()}`,
    );
  }

  /** Resolves with the first successful call of `method` matching `predicate`. */
  waitForCall(method: string, predicate: (call: ApiCall) => boolean = () => true, options: { timeoutMs?: number } = {}): Promise<ApiCall> {
    const lower = method.toLowerCase();
    return this.#signal.waitFor(
      () => this.calls.find((call) => call.ok && call.method.toLowerCase() === lower && predicate(call)),
      options.timeoutMs ?? 2_000,
      () => `No successful ${method} call matched.\n${this.describe()}`,
    );
  }

  /** A readable summary of what was sent and refused, for failure messages. */
  describe(): string {
    const sent = this.#state.sent.map((message) => {
      const buttons = buttonsOf(message);
      const what = message.photo ? "[photo] " : message.document ? `[document ${message.document.fileName ?? ""}] ` : message.location ? "[location] " : "";
      return `  → chat ${message.chatId} #${message.messageId}${message.deleted ? " (deleted)" : ""}: ${what}${clip(visibleText(message))}${buttons.length ? ` {${buttons.join(" | ")}}` : ""}`;
    });
    const refused = this.errors.map((call) => `  ✗ ${call.method}: ${call.description ?? ""}`);
    return `Sent (${sent.length}):\n${sent.join("\n") || "  (nothing)"}\nRefused (${refused.length}):\n${refused.join("\n") || "  (nothing)"}`;
  }

  /** Makes the next `times` calls of `method` (optionally to one chat) fail with `status`. */
  failNext(method: string, failure: TelegramFailure): void {
    const { times, chatId, ...fault } = failure;
    this.#faults.failNext(method.toLowerCase(), chatId === undefined ? undefined : String(chatId), times ?? 1, fault);
  }

  /** Starts (or with null ends) an outage: matching calls fail until cleared. */
  setOutage(outage: TelegramOutage | null): void {
    if (!outage) return this.#faults.setOutage(null);
    const methods = outage.method === undefined ? undefined : (typeof outage.method === "string" ? [outage.method] : outage.method).map((m) => m.toLowerCase());
    const rule: FaultRule<Fault> = {
      ...(methods ? { method: methods } : {}),
      ...(outage.chatId !== undefined ? { target: String(outage.chatId) } : {}),
      ...(outage.match ? { match: (call) => outage.match?.({ method: call.method, params: call.params }) ?? true } : {}),
      fault: {
        status: outage.status ?? 502,
        ...(outage.retryAfter !== undefined ? { retryAfter: outage.retryAfter } : {}),
        ...(outage.description !== undefined ? { description: outage.description } : {}),
        ...(outage.html !== undefined ? { html: outage.html } : {}),
      },
    };
    this.#faults.setOutage(rule);
  }

  /** Registers a group the bot is in (members, admins, forum, bot admin rights). */
  addGroup(chatId: number, options: GroupOptions = {}): void {
    this.#state.addGroup(chatId, options);
  }

  /** Registers the private chat with a person as if they had started the bot earlier. */
  addPrivateChat(person: TelegramPerson): void {
    this.#state.privateChat(person);
  }

  /** Creates a forum topic in a forum group (as a person would) and returns its thread id. */
  addTopic(groupId: number, name = "Topic"): number {
    const chat = this.#chat(groupId);
    if (!chat.isForum) throw new Error(`Chat ${groupId} is not a forum: pass isForum to addGroup`);
    const threadId = chat.nextMessageId++;
    chat.topics.set(threadId, { name, closed: false });
    return threadId;
  }

  /** Deletes a forum topic; sending to it then gives "message thread not found". */
  deleteTopic(groupId: number, threadId: number): void {
    this.#chat(groupId).topics.delete(threadId);
  }

  /**
   * The person blocks the bot (or, for a group, removes it): sends to the chat get 403.
   * Like Telegram, tells the bot with a my_chat_member update unless `notify` is false.
   */
  async blockChat(chatId: number, options: { notify?: boolean } = {}): Promise<void> {
    const chat = this.#chat(chatId);
    chat.blocked = true;
    if (options.notify === false) return;
    const from = chat.people.get(chatId) ?? [...chat.people.values()][0] ?? this.#state.userOf({ id: Math.abs(chatId) });
    await this.deliver(people.chatMemberUpdate(this.#state, chat, from, "member", "kicked"));
  }

  /** Undoes {@link blockChat} without an update (a resident writing again also unblocks). */
  unblockChat(chatId: number): void {
    this.#chat(chatId).blocked = false;
  }

  /** Moves the double's clock forward (message dates, the 48-hour window for deleting messages). */
  advanceClock(seconds: number): void {
    this.#state.clockOffsetS += seconds;
  }

  /** A callback query the double issued (see {@link pressButton}), with the bot's answer. */
  callbackQuery(id: string): Readonly<CallbackQueryRecord> | undefined {
    return this.#state.callbackQueries.get(id);
  }

  /** Callback queries the bot has not answered (Telegram keeps a spinner on those buttons). */
  unansweredCallbackQueries(): Array<Readonly<CallbackQueryRecord>> {
    return [...this.#state.callbackQueries.values()].filter((query) => !query.answered);
  }

  /** A stored file by file_id (resident uploads and the bot's uploads). */
  file(fileId: string): StoredFile | undefined {
    return this.#state.files.get(fileId);
  }

  /** Commands set with setMyCommands for a scope (default scope) and language ("" = all). */
  commands(scope: Record<string, unknown> = { type: "default" }, languageCode = ""): Array<{ command: string; description: string }> {
    for (const entry of this.#state.commands.values()) {
      if (entry.languageCode === languageCode && JSON.stringify(entry.scope) === JSON.stringify(scope)) return entry.commands.map((c) => ({ ...c }));
    }
    return [];
  }

  /** True while a getUpdates long poll is waiting for updates. */
  get isPolling(): boolean {
    return this.#updates.isPolling;
  }

  /** Resolves once the bot has a getUpdates long poll waiting (i.e. `bot.start()` is ready). */
  async waitForPolling(options: { timeoutMs?: number } = {}): Promise<void> {
    await this.#signal.waitFor(
      () => (this.#updates.isPolling ? true : undefined),
      options.timeoutMs ?? 2_000,
      () => `The bot never long-polled. Calls so far: ${this.calls.map((c) => c.method).join(", ") || "(none)"}`,
    );
  }

  /** Updates waiting for getUpdates. */
  get pendingUpdates(): readonly Update[] {
    return this.#state.queue;
  }

  /**
   * Hands an update to the bot: POSTs it to the webhook (with the secret header) and resolves
   * with the HTTP status, or queues it for getUpdates and resolves with null. A webhook answer
   * whose body is a method call (grammY's webhook reply) is executed like Telegram does.
   * Failed webhook deliveries are not retried.
   */
  deliver(update: Update): Promise<number | null> {
    return this.#updates.deliver(update);
  }

  /** Hands a hand-built update to the bot (an update_id is assigned). */
  async raw(update: Omit<Update, "update_id">): Promise<Update> {
    const full = { ...update, update_id: this.#state.nextUpdateId() };
    await this.deliver(full);
    return full;
  }

  /** A resident writes text to the bot in private. */
  sendText(user: TelegramPerson, text: string, options: { replyTo?: number } = {}): Promise<Update> {
    return people.sendText(this.#host, user, text, options);
  }

  /**
   * A resident sends `/command payload` (e.g. a deep link's `/start payload`). A `/start`
   * payload must be what a t.me deep link can carry: up to 64 characters of A-Z a-z 0-9 _ -.
   */
  async sendCommand(user: TelegramPerson, command: string, payload?: string): Promise<Update> {
    const name = command.startsWith("/") ? command : `/${command}`;
    if (name === "/start" && payload !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(payload)) {
      throw new Error(`A deep-link start payload is 1-64 characters of A-Z a-z 0-9 _ -; "${payload}" cannot come from a t.me link`);
    }
    return people.sendText(this.#host, user, payload ? `${name} ${payload}` : name);
  }

  /**
   * Presses a button the bot showed in the person's private chat (or `choice.chatId`):
   * inline buttons by callback_data or label give a callback_query; reply-keyboard buttons
   * send their label. Throws, listing the buttons on screen, when there is no such button.
   */
  pressButton(user: TelegramPerson, choice: people.ButtonChoice): Promise<Update> {
    return people.pressButton(this.#host, user, choice);
  }

  /**
   * A callback_query with `data` on the bot's latest message in the person's private chat, whether
   * or not any button there carries it: what a modified client can send. Telegram accepts it.
   */
  forgeButtonPress(user: TelegramPerson, data: string): Promise<Update> {
    return people.forgeButtonPress(this.#host, user, data);
  }

  /** A resident shares a phone number (their own by default, so contact.user_id = their id). */
  shareContact(user: TelegramPerson, phone: string, options: { own?: boolean } = {}): Promise<Update> {
    return people.shareContact(this.#host, user, phone, options.own ?? true);
  }

  /** A resident shares a location. */
  sendLocation(user: TelegramPerson, latitude: number, longitude: number): Promise<Update> {
    return people.sendLocation(this.#host, user, latitude, longitude);
  }

  /** A resident sends a photo (default: a small real JPEG); downloadable via getFile. */
  sendPhoto(user: TelegramPerson, options: { bytes?: Buffer; caption?: string } = {}): Promise<Update> {
    return people.sendPhoto(this.#host, user, options);
  }

  /** A resident sends a sticker. */
  sendSticker(user: TelegramPerson): Promise<Update> {
    return people.sendSticker(this.#host, user);
  }

  /** A resident sends a voice message. */
  sendVoice(user: TelegramPerson, durationSeconds?: number): Promise<Update> {
    return people.sendVoice(this.#host, user, durationSeconds);
  }

  /** A resident sends a document. */
  sendDocument(user: TelegramPerson, options: { fileName?: string; bytes?: Buffer; caption?: string } = {}): Promise<Update> {
    return people.sendDocument(this.#host, user, options);
  }

  /** A resident edits one of their text messages (edited_message). */
  editMessage(user: TelegramPerson, messageId: number, text: string): Promise<Update> {
    return people.editMessage(this.#host, user, messageId, text);
  }

  /** Someone in a group replies to a message there (usually one of the bot's). */
  groupReply(groupId: number, fromUser: TelegramPerson, replyToMessageId: number, text: string, options: { threadId?: number } = {}): Promise<Update> {
    return people.groupMessage(this.#host, groupId, fromUser, text, { ...options, replyTo: replyToMessageId }, "reply");
  }

  /** Someone in a group sends a command such as "/stats" or "/export@viche_test_bot". */
  groupCommand(groupId: number, fromUser: TelegramPerson, text: string, options: people.GroupMessageOptions = {}): Promise<Update> {
    return people.groupMessage(this.#host, groupId, fromUser, text, options, "command");
  }

  /** Someone in a group writes plain text (hidden from a non-admin bot by privacy mode). */
  groupText(groupId: number, fromUser: TelegramPerson, text: string, options: people.GroupMessageOptions = {}): Promise<Update> {
    return people.groupMessage(this.#host, groupId, fromUser, text, options, "text");
  }

  /** A post in a channel (registered on first use). */
  channelPost(channelId: number, text: string, title?: string): Promise<Update> {
    return people.channelPost(this.#host, channelId, text, title);
  }

  /** Forgets all chats, messages, calls, files, faults and the webhook (the server keeps running). */
  reset(): void {
    void this.#updates.stop();
    this.#updates.deliveries.length = 0;
    this.#state.clear();
    this.#faults.clear();
    this.#sendTimes.clear();
    this.calls.length = 0;
    this.hiddenUpdates.length = 0;
  }

  /** Answers any pending long poll and stops the server. */
  async close(): Promise<void> {
    await this.#updates.stop();
    await this.#server.close();
  }

  get #host(): people.PeopleHost {
    return { state: this.#state, deliver: (update) => this.deliver(update), hide: (update) => void this.hiddenUpdates.push(update) };
  }

  #chat(chatId: number): ChatRecord {
    const chat = this.#state.chats.get(chatId);
    if (!chat) throw new Error(`Chat ${chatId} is unknown to the double`);
    return chat;
  }

  /** @internal The HTTP entry point. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.#serveFile(res, download[1] ?? "", decodeURIComponent(download[2] ?? ""));
    const route = /^\/bot([^/]*)\/([A-Za-z0-9_]*)$/.exec(url.pathname);
    if (!route) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const method = route[2] ?? "";
    if (route[1] !== this.token) {
      this.#record({ method, params: {}, ok: false, status: 401, description: "Unauthorized", kind: "refused", time: Date.now() });
      return sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    let params: Params;
    try {
      params = await this.#readParams(req, url);
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      this.#record({ method, params: {}, ok: false, status: error.errorCode, description: error.description, kind: "refused", time: Date.now() });
      return sendJson(res, error.errorCode, { ok: false, error_code: error.errorCode, description: error.description });
    }
    const answer = await this.#invoke(method, params, res);
    if (answer.html) {
      res.writeHead(answer.status, { "content-type": "text/html" });
      res.end(
        `<html>\r\n<head><title>${answer.status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${answer.status} Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`,
      );
      return;
    }
    sendJson(res, answer.status, answer.body);
  }

  async #readParams(req: IncomingMessage, url: URL): Promise<Params> {
    const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) throw new ApiRefusal(413, "Request Entity Too Large");
    if (body.length === 0) return new Params(raw);
    const type = (req.headers["content-type"] ?? "").toLowerCase();
    if (type.startsWith("multipart/form-data")) {
      const parsed = parseMultipart(body, req.headers["content-type"] ?? "");
      if (parsed instanceof Error) return badRequest(`can't parse multipart/form-data: ${parsed.message}`);
      return new Params({ ...raw, ...Object.fromEntries(parsed.fields) }, parsed.files);
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return new Params({ ...raw, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return badRequest("can't parse JSON encoded request body");
    }
    if (!isObject(json)) return badRequest("request body must be a JSON object");
    return new Params({ ...raw, ...json });
  }

  async #invoke(method: string, params: Params, res?: ServerResponse, viaWebhookReply = false): Promise<Answer> {
    const lower = method.toLowerCase();
    const recordedParams: Record<string, unknown> = { ...params.raw };
    for (const [name, part] of params.files) recordedParams[name] = { filename: part.filename, size: part.bytes.length };
    const base = { method, params: recordedParams, time: Date.now(), ...(viaWebhookReply ? { viaWebhookReply } : {}) };
    const handler = METHODS.get(lower);
    const special = UPDATE_METHODS.has(lower);
    if (!handler && !special) {
      this.#record({ ...base, ok: false, status: 404, description: "Not Found: method not found", kind: "refused" });
      return { status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } };
    }
    const chatId = params.raw["chat_id"];
    const fault = this.#faults.take({ method: lower, target: chatId === undefined || chatId === null ? undefined : String(chatId), params: recordedParams });
    if (fault) return this.#injected(base, fault);
    try {
      const ctx: MethodContext = { state: this.#state, admit: (chat) => this.#admit(chat, lower) };
      const result = handler ? handler(ctx, params) : await this.#updates.answer(lower, params, res);
      this.#record({ ...base, ok: true, status: 200, result, kind: "ok" });
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      const parameters = error.retryAfter !== undefined ? { parameters: { retry_after: error.retryAfter } } : {};
      this.#record({ ...base, ok: false, status: error.errorCode, description: error.description, kind: error.kind });
      return { status: error.errorCode, body: { ok: false, error_code: error.errorCode, description: error.description, ...parameters } };
    }
  }

  #injected(base: Omit<ApiCall, "ok" | "status" | "kind">, fault: Fault): Answer {
    const status = fault.status;
    const retryAfter = Math.max(1, Math.ceil(fault.retryAfter ?? 1));
    const description =
      fault.description ??
      (status === 429
        ? `Too Many Requests: retry after ${retryAfter}`
        : status >= 500
          ? status === 502
            ? "Bad Gateway"
            : "Internal Server Error"
          : "Bad Request: injected failure");
    this.#record({ ...base, ok: false, status, description, kind: "injected" });
    const parameters = status === 429 ? { parameters: { retry_after: retryAfter } } : {};
    return { status, html: fault.html === true, body: { ok: false, error_code: status, description, ...parameters } };
  }

  #record(call: ApiCall): void {
    this.calls.push(call);
    this.#signal.notify();
  }

  #admit(chat: ChatRecord, method: string): void {
    const limits = this.#limits;
    if (!limits || !SENDING_METHODS.has(method)) return;
    const now = Date.now();
    const windows: Array<[string, number | undefined, number]> = [
      ["global", limits.globalPerSecond, 1_000],
      [`chat:${chat.id}`, limits.perChatPerSecond, 1_000],
      ...(chat.id < 0 ? ([[`group:${chat.id}`, limits.perGroupPerMinute, 60_000]] as Array<[string, number | undefined, number]>) : []),
    ];
    for (const [key, limit, windowMs] of windows) {
      if (limit === undefined) continue;
      const times = (this.#sendTimes.get(key) ?? []).filter((time) => time > now - windowMs);
      this.#sendTimes.set(key, times);
      const oldest = times[0];
      if (times.length >= limit && oldest !== undefined) {
        const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
        throw new ApiRefusal(429, `Too Many Requests: retry after ${retryAfter}`, "rate-limited", retryAfter);
      }
    }
    for (const [key, limit] of windows) if (limit !== undefined) this.#sendTimes.get(key)?.push(now);
  }

  #serveFile(res: ServerResponse, token: string, filePath: string): void {
    if (token !== this.token) return sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const file = [...this.#state.files.values()].find((f) => f.filePath === filePath);
    if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream", "content-length": file.bytes.length });
    res.end(file.bytes);
  }
}

/** Starts a Telegram Bot API double on 127.0.0.1 (a free port). Close it with `close()`. */
export async function startTelegramDouble(options: TelegramDoubleOptions = {}): Promise<TelegramDouble> {
  const state = new TelegramState(options.token ?? "123456:TEST-TOKEN", options.botUsername ?? "viche_test_bot", options.privacyMode ?? true);
  let double: TelegramDouble | undefined;
  const server = await startLoopbackServer(async (req, res) => {
    if (!double) throw new Error("double not ready");
    await double.handle(req, res);
  });
  double = new TelegramDouble(server, state, options);
  return double;
}

/**
 * What a person sees of a message: text or caption with HTML/Markdown markup removed and
 * entities decoded. Accepts a {@link SentMessage}, a Bot API Message, or a string and its
 * parse mode.
 */
export function visibleText(message: SentMessage | Message | string, parseMode?: string): string {
  if (typeof message === "string") return plainTextOf(message, parseMode);
  if ("messageId" in message) {
    const source = message.text ?? message.caption ?? "";
    return plainTextOf(source, message.parseMode).trim();
  }
  return message.text ?? message.caption ?? "";
}

/** Labels of the buttons (inline or reply keyboard) on a message, in reading order. */
export function buttonsOf(message: SentMessage | Message): string[] {
  if ("messageId" in message) return buttonRows(message.replyMarkup).flat();
  return buttonRows(message.reply_markup as Record<string, unknown> | undefined).flat();
}

/** Buttons as rows of `{ text, data }` (data is callback_data; undefined for other kinds). */
export function buttonRowsOf(message: SentMessage): Array<Array<{ text: string; data: string | undefined }>> {
  const rows = message.replyMarkup?.["inline_keyboard"] ?? message.replyMarkup?.["keyboard"];
  if (!Array.isArray(rows)) return [];
  return rows.map((row: unknown) =>
    Array.isArray(row)
      ? row.map((button: unknown) =>
          typeof button === "string"
            ? { text: button, data: undefined }
            : isObject(button)
              ? { text: String(button["text"] ?? ""), data: typeof button["callback_data"] === "string" ? button["callback_data"] : undefined }
              : { text: "", data: undefined },
        )
      : [],
  );
}
