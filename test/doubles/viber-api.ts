/**
 * A local double of Viber's REST bot API (https://chatapi.viber.com/pa) for end-to-end tests.
 *
 * Point the bot's Viber client at `double.apiRoot` (e.g. `http://127.0.0.1:PORT/pa`). Every call
 * must carry `X-Viber-Auth-Token`; messages are checked like Viber checks them (subscription,
 * sizes, keyboards, min_api_version, the unanswered-messages limit), and refusals are listed in
 * `double.errors`. Callbacks to the bot are signed like Viber's (`X-Viber-Content-Signature` =
 * hex HMAC-SHA256 of the raw body keyed by the auth token) and carry a `message_token` above
 * 2^53 written as a raw JSON number, so a bot that parses it with plain JSON.parse loses digits.
 *
 * Received pictures are served from the double at a media URL that expires `mediaTtlMs` after
 * the message was sent (default 60 s, measured on the double's clock, see `advanceTime`);
 * downloading it any number of times before then works, afterwards it answers 404.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ChangeSignal, FaultBook, clip, readBody, samplePhotoBytes, sendJson, startLoopbackServer, type LoopbackServer } from "./http-kit.js";
import { VIBER_LIMITS, VIBER_STATUS, ViberRefusal, checkViberMessage, viberButtonsOf, type ViberButton } from "./viber-validate.js";

import type { CallbackResult, ViberCall, ViberDoubleOptions, ViberFailure, ViberOutage, ViberSentMessage, ViberUser, ViberUserState } from "./viber-types.js";

export { VIBER_LIMITS, VIBER_STATUS, viberButtonsOf, type ViberButton } from "./viber-validate.js";
export type * from "./viber-types.js";

type Fault = Omit<ViberFailure, "times" | "receiver">;

const CHAT_HOSTNAME = "SN-CHAT-03_";
const OPTIONAL_EVENTS = ["delivered", "seen", "failed", "conversation_started"];
const DEFAULT_EVENT_TYPES = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];
const HOUR = 3_600_000;

/** The Viber REST API double. Create it with {@link startViberDouble}. */
export class ViberDouble {
  /** Pass to the bot's Viber client as its API root (ends in /pa). */
  readonly apiRoot: string;
  readonly authToken: string;
  /** Every REST call, in order. */
  readonly calls: ViberCall[] = [];
  /** Every message the bot sent, in order. */
  readonly sent: ViberSentMessage[] = [];
  /** Every callback POSTed to the bot, with its answer. */
  readonly callbacks: Array<CallbackResult & { readonly event: string }> = [];
  readonly #server: LoopbackServer;
  readonly #options: ViberDoubleOptions;
  readonly #users = new Map<string, ViberUserState>();
  readonly #media = new Map<string, { bytes: Buffer; expiresAt: number }>();
  readonly #faults = new FaultBook<Fault>();
  readonly #signal = new ChangeSignal();
  #webhook: { url: string; eventTypes: string[] } | undefined;
  #clockOffset = 0;
  #nextToken = 5_491_558_218_063_986_177n;

  /** @internal Use {@link startViberDouble}. */
  constructor(server: LoopbackServer, options: ViberDoubleOptions) {
    this.#server = server;
    this.#options = options;
    this.apiRoot = `${server.origin}/pa`;
    this.authToken = options.authToken ?? "viber-test-token";
    if (options.webhookUrl) this.#webhook = { url: options.webhookUrl, eventTypes: [...DEFAULT_EVENT_TYPES] };
  }

  /** Requests refused because they were invalid; tests should end with none. */
  get errors(): ViberCall[] {
    return this.calls.filter((call) => call.kind === "refused");
  }

  /** The webhook the bot set (or the `webhookUrl` option). */
  get webhook(): { readonly url: string; readonly eventTypes: readonly string[] } | undefined {
    return this.#webhook;
  }

  /** The double's clock in ms (Date.now() plus {@link advanceTime}). */
  now(): number {
    return Date.now() + this.#clockOffset;
  }

  /** Moves the double's clock forward (sessions, hourly limits and media expiry follow it). */
  advanceTime(ms: number): void {
    this.#clockOffset += ms;
  }

  /** What the double knows about a user. */
  user(userId: string): Readonly<ViberUserState> | undefined {
    return this.#users.get(userId);
  }

  /** Marks a user as subscribed without a callback (as if they subscribed before the test). */
  addSubscriber(user: ViberUser): void {
    this.#userState(user).subscribed = true;
  }

  /** Messages the bot sent to a user, in order. */
  messagesTo(userId: string): ViberSentMessage[] {
    return this.sent.filter((message) => message.receiver === userId);
  }

  /** The bot's latest message to a user. */
  lastMessageTo(userId: string): ViberSentMessage | undefined {
    return this.messagesTo(userId).at(-1);
  }

  /** Resolves with the first sent message matching `predicate`; rejects after `timeoutMs` (2000) listing what was sent. */
  waitFor(
    predicate: (message: ViberSentMessage) => boolean,
    options: {
      timeoutMs?: number;
      userId?: string;
      /** Only messages sent after this many (take `double.sent.length` before acting). */
      after?: number;
    } = {},
  ): Promise<ViberSentMessage> {
    const candidates = () => {
      const later = this.sent.slice(options.after ?? 0);
      return options.userId === undefined ? later : later.filter((message) => message.receiver === options.userId);
    };
    return this.#signal.waitFor(
      () => candidates().find(predicate),
      options.timeoutMs ?? 2_000,
      () => `No Viber message matched.\n${this.describe()}`,
    );
  }

  /** A readable summary of what was sent and refused. */
  describe(): string {
    const sent = this.sent.map((m) => {
      const buttons = viberButtonsOf(m.keyboard).map((b) => b.text || b.actionBody);
      return `  → ${m.receiver} (${m.via}) ${m.type}: ${clip(m.text ?? m.media ?? "")}${buttons.length ? ` {${buttons.join(" | ")}}` : ""}`;
    });
    const refused = this.errors.map((call) => `  ✗ ${call.endpoint}: ${call.status ?? call.httpStatus} ${call.statusMessage ?? ""}`);
    return `Sent (${sent.length}):\n${sent.join("\n") || "  (nothing)"}\nRefused (${refused.length}):\n${refused.join("\n") || "  (nothing)"}`;
  }

  /** Makes the next `times` calls of `endpoint` (e.g. "send_message") fail. */
  failNext(endpoint: string, failure: ViberFailure): void {
    const { times, receiver, ...fault } = failure;
    this.#faults.failNext(endpoint, receiver, times ?? 1, fault);
  }

  /** Starts (or with null ends) an outage; default HTTP 503. */
  setOutage(outage: ViberOutage | null): void {
    if (!outage) return this.#faults.setOutage(null);
    const { endpoint, receiver, ...fault } = outage;
    this.#faults.setOutage({
      ...(endpoint !== undefined ? { method: endpoint } : {}),
      ...(receiver !== undefined ? { target: receiver } : {}),
      fault: fault.httpStatus === undefined && fault.viberStatus === undefined ? { ...fault, httpStatus: 503 } : fault,
    });
  }

  /** Forgets users, messages, calls, callbacks, media, faults and the webhook set by the bot. */
  reset(): void {
    this.calls.length = 0;
    this.sent.length = 0;
    this.callbacks.length = 0;
    this.#users.clear();
    this.#media.clear();
    this.#faults.clear();
    this.#clockOffset = 0;
    this.#webhook = this.#options.webhookUrl ? { url: this.#options.webhookUrl, eventTypes: [...DEFAULT_EVENT_TYPES] } : undefined;
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.#server.close();
  }

  /** The user opens the chat (deep link or search): `conversation_started`; `body` is the bot's welcome message, if any. */
  async conversationStarted(user: ViberUser, options: { context?: string; subscribed?: boolean } = {}): Promise<CallbackResult> {
    const state = this.#userState(user);
    if (options.subscribed) state.subscribed = true;
    const result = await this.#callback("conversation_started", {
      type: "open",
      ...(options.context !== undefined ? { context: options.context } : {}),
      user: this.#userJson(user),
      subscribed: state.subscribed,
    });
    if (result.text.trim() !== "") this.#acceptWelcome(user, result);
    return result;
  }

  /** The user presses "subscribe" (`subscribed`). */
  subscribed(user: ViberUser): Promise<CallbackResult> {
    this.#userState(user).subscribed = true;
    return this.#callback("subscribed", { user: this.#userJson(user) });
  }

  /** The user unsubscribes: sending to them then fails with receiverNotSubscribed. */
  unsubscribed(userId: string): Promise<CallbackResult> {
    const state = this.#users.get(userId);
    if (state) state.subscribed = false;
    return this.#callback("unsubscribed", { user_id: userId });
  }

  /** The user writes text (this subscribes them and opens a 24-hour session). */
  sendText(user: ViberUser, text: string): Promise<CallbackResult> {
    return this.#userMessage(user, { type: "text", text });
  }

  /** The user shares a contact (e.g. via a share-phone button). */
  sendContact(user: ViberUser, phone: string, name = user.name): Promise<CallbackResult> {
    return this.#userMessage(user, { type: "contact", contact: { name, phone_number: phone } });
  }

  /** The user shares a location. */
  sendLocation(user: ViberUser, lat: number, lon: number): Promise<CallbackResult> {
    return this.#userMessage(user, { type: "location", location: { lat, lon } });
  }

  /** The user sends a picture, served at an expiring media URL on the double (see the module comment). */
  sendPicture(user: ViberUser, options: { bytes?: Buffer; text?: string } = {}): Promise<CallbackResult & { mediaUrl: string }> {
    const bytes = options.bytes ?? samplePhotoBytes();
    const id = randomUUID();
    this.#media.set(id, { bytes, expiresAt: this.now() + (this.#options.mediaTtlMs ?? 60_000) });
    const mediaUrl = `${this.#server.origin}/media/${id}.jpg`;
    return this.#userMessage(user, {
      type: "picture",
      media: mediaUrl,
      thumbnail: mediaUrl,
      file_name: `${id}.jpg`,
      size: bytes.length,
      text: options.text ?? "",
    }).then((result) => ({ ...result, mediaUrl }));
  }

  /** The user sends a sticker. */
  sendSticker(user: ViberUser, stickerId = 40133): Promise<CallbackResult> {
    return this.#userMessage(user, { type: "sticker", sticker_id: stickerId, media: `https://viber-stickers.example/${stickerId}.png` });
  }

  /**
   * The user presses a reply button: Viber sends a text message whose text is the ActionBody.
   * Only the keyboard the client shows (the one on the bot's last message) and rich media
   * buttons can be pressed; anything else throws, listing the buttons on screen.
   */
  async pressButton(user: ViberUser, actionBody: string): Promise<CallbackResult> {
    const state = this.#users.get(user.id);
    const onScreen = [...viberButtonsOf(state?.keyboard), ...this.messagesTo(user.id).flatMap((m) => viberButtonsOf(richMediaOf(m)))];
    const button = onScreen.find((b) => b.actionBody === actionBody);
    if (!button) {
      const list = onScreen.map((b) => `[${b.text || "(no text)"} → ${b.actionType}:${b.actionBody}]`).join(" ") || "(no keyboard is shown)";
      throw new Error(`No button with ActionBody "${actionBody}" is on ${user.id}'s screen. Buttons: ${list}`);
    }
    if (button.actionType === "share-phone") throw new Error(`"${button.text}" shares the phone number: use double.sendContact`);
    if (button.actionType === "location-picker") throw new Error(`"${button.text}" picks a location: use double.sendLocation`);
    if (button.actionType !== "reply") throw new Error(`"${button.text}" is an ${button.actionType} button: pressing it sends nothing to the bot`);
    return this.#userMessage(user, { type: "text", text: actionBody }, button.silent);
  }

  /** Viber reports a bot message delivered. */
  delivered(userId: string, messageToken: string): Promise<CallbackResult> {
    return this.#callback("delivered", { user_id: userId }, messageToken);
  }

  /** Viber reports a bot message seen. */
  seen(userId: string, messageToken: string): Promise<CallbackResult> {
    return this.#callback("seen", { user_id: userId }, messageToken);
  }

  /** Viber reports a bot message failed. */
  failed(userId: string, messageToken: string, desc = "failure description"): Promise<CallbackResult> {
    return this.#callback("failed", { user_id: userId, desc }, messageToken);
  }

  /**
   * POSTs any body to the webhook, signed correctly unless `signature` is given (a string to
   * send instead, or null to send no signature header).
   */
  async rawCallback(body: string, options: { signature?: string | null } = {}): Promise<CallbackResult> {
    const url = this.#requireWebhook();
    const signature = options.signature === undefined ? this.sign(body) : options.signature;
    return this.#post(url, body, signature, /"message_token"\s*:\s*(\d+)/.exec(body)?.[1] ?? "", "raw");
  }

  /** Hex HMAC-SHA256 of `body` keyed by the auth token (what X-Viber-Content-Signature carries). */
  sign(body: string): string {
    return createHmac("sha256", this.authToken).update(body).digest("hex");
  }

  /** A fresh message token: a 64-bit integer above 2^53 that a double cannot represent. */
  nextMessageToken(): string {
    let token = this.#nextToken;
    this.#nextToken += 7_919n;
    if (token % 1024n === 0n) token += 1n;
    return token.toString();
  }

  #userState(user: ViberUser): ViberUserState {
    let state = this.#users.get(user.id);
    if (!state) {
      state = { user, subscribed: false, lastMessageAt: undefined, unanswered: [], keyboard: undefined, trackingData: undefined, detailsRequests: [] };
      this.#users.set(user.id, state);
    }
    return state;
  }

  #userJson(user: ViberUser): Record<string, unknown> {
    return {
      id: user.id,
      name: user.name,
      avatar: user.avatar ?? "https://media-direct.cdn.viber.com/download_photo?dlid=test",
      language: user.language ?? "uk",
      country: user.country ?? "UA",
      api_version: user.api_version ?? 10,
    };
  }

  #requireWebhook(): string {
    if (!this.#webhook) throw new Error("No Viber webhook: the bot has not called set_webhook and no webhookUrl option was given");
    return this.#webhook.url;
  }

  async #userMessage(user: ViberUser, message: Record<string, unknown>, silent = false): Promise<CallbackResult> {
    const state = this.#userState(user);
    state.subscribed = true;
    state.lastMessageAt = this.now();
    state.unanswered = [];
    const echoed = state.trackingData !== undefined ? { ...message, tracking_data: state.trackingData } : message;
    return this.#callback("message", { sender: this.#userJson(user), message: echoed, silent });
  }

  async #callback(event: string, fields: Record<string, unknown>, token = this.nextMessageToken()): Promise<CallbackResult> {
    const url = this.#requireWebhook();
    if (!/^\d+$/.test(token)) throw new Error(`message_token must be digits, got "${token}"`);
    const placeholder = "__VIBER_MESSAGE_TOKEN__";
    const json = JSON.stringify({ event, timestamp: this.now(), chat_hostname: CHAT_HOSTNAME, message_token: placeholder, ...fields });
    const rawBody = json.replace(`"${placeholder}"`, token);
    if (OPTIONAL_EVENTS.includes(event) && !this.#webhook?.eventTypes.includes(event)) {
      const skipped = { status: 0, body: undefined, text: "", rawBody, messageToken: token, sent: false };
      this.callbacks.push({ ...skipped, event });
      return skipped;
    }
    return this.#post(url, rawBody, this.sign(rawBody), token, event);
  }

  async #post(url: string, rawBody: string, signature: string | null, messageToken: string, event: string): Promise<CallbackResult> {
    let status: number;
    let text = "";
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature !== null ? { "x-viber-content-signature": signature } : {}) },
        body: rawBody,
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      text = await response.text();
    } catch {
      status = 0;
    }
    let body: unknown;
    try {
      body = text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    const result: CallbackResult = { status, body, text, rawBody, messageToken, sent: true };
    this.callbacks.push({ ...result, event });
    this.#signal.notify();
    return result;
  }

  #acceptWelcome(user: ViberUser, result: CallbackResult): void {
    const time = this.now();
    const body = result.body;
    try {
      if (typeof body !== "object" || body === null || Array.isArray(body))
        throw new ViberRefusal(VIBER_STATUS.badData, "badData: the welcome message is not a JSON object");
      const record = body as Record<string, unknown>;
      const checked = checkViberMessage(record, Buffer.byteLength(result.text));
      this.#record(user.id, record, checked, "welcome", this.nextMessageToken(), false);
      this.calls.push({ endpoint: "welcome", body, httpStatus: result.status, status: 0, statusMessage: "ok", kind: "ok", time });
    } catch (error) {
      if (!(error instanceof ViberRefusal)) throw error;
      this.calls.push({
        endpoint: "welcome",
        body,
        httpStatus: result.status,
        status: error.status,
        statusMessage: error.statusMessage,
        kind: "refused",
        time,
      });
    }
    this.#signal.notify();
  }

  #record(
    receiver: string,
    body: Record<string, unknown>,
    checked: ReturnType<typeof checkViberMessage>,
    via: ViberSentMessage["via"],
    messageToken: string,
    billable: boolean,
  ): ViberSentMessage {
    const message: ViberSentMessage = {
      receiver,
      messageToken,
      type: checked.type,
      ...(typeof body["text"] === "string" ? { text: body["text"] } : {}),
      ...(typeof body["media"] === "string" ? { media: body["media"] } : {}),
      ...(checked.keyboard ? { keyboard: checked.keyboard } : {}),
      ...(checked.trackingData !== undefined ? { trackingData: checked.trackingData } : {}),
      ...(checked.minApiVersion !== undefined ? { minApiVersion: checked.minApiVersion } : {}),
      sender: checked.sender,
      via,
      billable,
      time: this.now(),
      body,
    };
    this.sent.push(message);
    const state = this.#users.get(receiver);
    if (state) {
      state.keyboard = checked.keyboard;
      state.trackingData = checked.trackingData;
      if (via !== "welcome") state.unanswered.push(message.time);
    }
    return message;
  }

  /** @internal The HTTP entry point. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.#server.origin);
    const media = /^\/media\/([^/.]+)\.jpg$/.exec(url.pathname);
    if (media && req.method === "GET") return this.#serveMedia(res, media[1] ?? "");
    const route = /^\/pa\/([a-z_]+)$/.exec(url.pathname);
    const endpoint = route?.[1] ?? url.pathname;
    const raw = (await readBody(req, 1024 * 1024)) ?? Buffer.alloc(0);
    const text = raw.toString("utf8");
    let body: unknown;
    try {
      body = text === "" ? {} : (JSON.parse(text) as unknown);
    } catch {
      body = text;
    }
    const time = this.now();
    const receiver = typeof body === "object" && body !== null && "receiver" in body ? String((body as Record<string, unknown>)["receiver"]) : undefined;
    const fault = this.#faults.take({
      method: endpoint,
      target: receiver,
      params: typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {},
    });
    if (fault) {
      if (fault.httpStatus !== undefined) {
        this.calls.push({ endpoint, body, httpStatus: fault.httpStatus, status: undefined, statusMessage: undefined, kind: "injected", time });
        res.writeHead(fault.httpStatus, { "content-type": "text/html" });
        res.end(`<html><body><h1>${fault.httpStatus}</h1></body></html>`);
        return;
      }
      const status = fault.viberStatus ?? VIBER_STATUS.tooManyRequests;
      const statusMessage = fault.statusMessage ?? (status === VIBER_STATUS.tooManyRequests ? "tooManyRequests" : "injected failure");
      this.calls.push({ endpoint, body, httpStatus: 200, status, statusMessage, kind: "injected", time });
      return sendJson(res, 200, { status, status_message: statusMessage, chat_hostname: CHAT_HOSTNAME });
    }
    const answer = await this.#answer(req, endpoint, route !== null, body, raw.length).catch((error: unknown) => {
      if (error instanceof ViberRefusal) return error;
      throw error;
    });
    if (answer instanceof ViberRefusal) {
      const httpStatus = route ? 200 : 404;
      this.calls.push({ endpoint, body, httpStatus, status: answer.status, statusMessage: answer.statusMessage, kind: "refused", time });
      this.#signal.notify();
      return sendJson(res, httpStatus, { status: answer.status, status_message: answer.statusMessage, chat_hostname: CHAT_HOSTNAME });
    }
    this.calls.push({ endpoint, body, httpStatus: 200, status: 0, statusMessage: "ok", kind: "ok", time });
    this.#signal.notify();
    sendJson(res, 200, answer);
  }

  /** Returns the JSON text of a successful answer, or throws a ViberRefusal. */
  async #answer(req: IncomingMessage, endpoint: string, known: boolean, body: unknown, rawBytes: number): Promise<string> {
    if (!known || req.method !== "POST") throw new ViberRefusal(VIBER_STATUS.badData, `unknown endpoint ${endpoint}`);
    if (req.headers["x-viber-auth-token"] !== this.authToken) throw new ViberRefusal(VIBER_STATUS.invalidAuthToken, "invalid auth token");
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new ViberRefusal(VIBER_STATUS.badData, "badData: the body is not a JSON object");
    const request = body as Record<string, unknown>;
    switch (endpoint) {
      case "set_webhook":
        return this.#setWebhook(request);
      case "get_account_info":
        return JSON.stringify({
          status: 0,
          status_message: "ok",
          id: "pa:5491558218063986177",
          chat_hostname: CHAT_HOSTNAME,
          name: this.#options.accountName ?? "Віче",
          uri: this.#options.accountUri ?? "viche",
          icon: "https://media.example/viche.jpg",
          category: "Organizations",
          subcategory: "Community",
          country: "UA",
          webhook: this.#webhook?.url ?? "",
          event_types: this.#webhook?.eventTypes ?? [],
          subscribers_count: [...this.#users.values()].filter((u) => u.subscribed).length,
          members: [{ id: "01234567890A=", name: "Admin", role: "admin" }],
        });
      case "get_user_details":
        return this.#userDetails(request);
      case "send_message":
        return this.#sendMessage(request, rawBytes);
      case "broadcast_message":
        return this.#broadcast(request, rawBytes);
      default:
        throw new ViberRefusal(VIBER_STATUS.badData, `unknown endpoint ${endpoint}`);
    }
  }

  async #setWebhook(request: Record<string, unknown>): Promise<string> {
    const url = request["url"];
    if (typeof url !== "string") throw new ViberRefusal(VIBER_STATUS.missingData, "missingData: url is required");
    if (url === "") {
      this.#webhook = undefined;
      return JSON.stringify({ status: 0, status_message: "ok", chat_hostname: CHAT_HOSTNAME });
    }
    try {
      if (!["http:", "https:"].includes(new URL(url).protocol)) throw new Error("protocol");
    } catch {
      throw new ViberRefusal(VIBER_STATUS.invalidUrl, "invalidUrl");
    }
    const requested = request["event_types"];
    const known = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started", "message"];
    if (requested !== undefined && (!Array.isArray(requested) || requested.some((t) => typeof t !== "string" || !known.includes(t)))) {
      throw new ViberRefusal(VIBER_STATUS.badData, `badData: event_types must be a subset of ${known.join(", ")}`);
    }
    const eventTypes = Array.isArray(requested)
      ? [...new Set([...requested.map(String), "subscribed", "unsubscribed"])].filter((t) => t !== "message")
      : [...DEFAULT_EVENT_TYPES];
    const previous = this.#webhook;
    this.#webhook = { url, eventTypes };
    const check = await this.#callback("webhook", {});
    if (check.status !== 200) {
      this.#webhook = previous;
      throw new ViberRefusal(VIBER_STATUS.invalidUrl, `invalidUrl: the webhook callback answered ${check.status || "nothing"}`);
    }
    return JSON.stringify({ status: 0, status_message: "ok", chat_hostname: CHAT_HOSTNAME, event_types: eventTypes });
  }

  #userDetails(request: Record<string, unknown>): string {
    const id = request["id"];
    if (typeof id !== "string") throw new ViberRefusal(VIBER_STATUS.missingData, "missingData: id is required");
    const state = this.#users.get(id);
    if (!state) throw new ViberRefusal(VIBER_STATUS.receiverNotRegistered, "receiverNotRegistered");
    const now = this.now();
    state.detailsRequests = state.detailsRequests.filter((t) => t > now - 12 * HOUR);
    if (state.detailsRequests.length >= (this.#options.userDetailsPer12Hours ?? 2)) throw new ViberRefusal(VIBER_STATUS.tooManyRequests, "tooManyRequests");
    state.detailsRequests.push(now);
    const { user } = state;
    const details = JSON.stringify({
      status: 0,
      status_message: "ok",
      message_token: "__TOKEN__",
      user: { ...this.#userJson(user), primary_device_os: "Android 14", viber_version: "24.1.0.0", mcc: 255, mnc: 1, device_type: "Pixel 8" },
    });
    return details.replace('"__TOKEN__"', this.nextMessageToken());
  }

  #checkReceiver(receiver: string): ViberUserState {
    const state = this.#users.get(receiver);
    if (!state || !state.subscribed) throw new ViberRefusal(VIBER_STATUS.receiverNotSubscribed, "receiverNotSubscribed");
    const now = this.now();
    state.unanswered = state.unanswered.filter((t) => t > now - HOUR);
    if (state.unanswered.length >= (this.#options.maxUnansweredPerHour ?? 100)) throw new ViberRefusal(VIBER_STATUS.tooManyRequests, "tooManyRequests");
    return state;
  }

  #billable(state: ViberUserState): boolean {
    return state.lastMessageAt === undefined || this.now() - state.lastMessageAt > 24 * HOUR;
  }

  #sendMessage(request: Record<string, unknown>, rawBytes: number): string {
    if (!this.#webhook) throw new ViberRefusal(VIBER_STATUS.webhookNotSet, "webhookNotSet");
    const receiver = request["receiver"];
    if (typeof receiver !== "string" || receiver === "") throw new ViberRefusal(VIBER_STATUS.missingData, "missingData: receiver is required");
    const checked = checkViberMessage(request, rawBytes);
    const state = this.#checkReceiver(receiver);
    const token = this.nextMessageToken();
    this.#record(receiver, request, checked, "send_message", token, this.#billable(state));
    return `{"status":0,"status_message":"ok","message_token":${token},"chat_hostname":"${CHAT_HOSTNAME}"}`;
  }

  #broadcast(request: Record<string, unknown>, rawBytes: number): string {
    if (!this.#webhook) throw new ViberRefusal(VIBER_STATUS.webhookNotSet, "webhookNotSet");
    const list = request["broadcast_list"];
    if (!Array.isArray(list) || list.length === 0) throw new ViberRefusal(VIBER_STATUS.missingData, "missingData: broadcast_list is required");
    if (list.length > VIBER_LIMITS.broadcastList)
      throw new ViberRefusal(VIBER_STATUS.badData, `badData: broadcast_list has ${list.length} ids; the limit is 300`);
    const checked = checkViberMessage(request, rawBytes);
    const token = this.nextMessageToken();
    const failed: Array<{ receiver: string; status: number; status_message: string }> = [];
    for (const receiver of list.map(String)) {
      try {
        const state = this.#checkReceiver(receiver);
        this.#record(receiver, request, checked, "broadcast_message", token, this.#billable(state));
      } catch (error) {
        if (!(error instanceof ViberRefusal)) throw error;
        failed.push({ receiver, status: error.status, status_message: error.statusMessage });
      }
    }
    return `{"message_token":${token},"status":0,"status_message":"ok","failed_list":${JSON.stringify(failed)}}`;
  }

  #serveMedia(res: ServerResponse, id: string): void {
    const media = this.#media.get(id);
    if (!media || media.expiresAt <= this.now()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("expired or unknown media");
      return;
    }
    res.writeHead(200, { "content-type": "image/jpeg", "content-length": media.bytes.length });
    res.end(media.bytes);
  }
}

function richMediaOf(message: ViberSentMessage): Record<string, unknown> | undefined {
  const richMedia = message.body["rich_media"];
  return typeof richMedia === "object" && richMedia !== null && !Array.isArray(richMedia) ? (richMedia as Record<string, unknown>) : undefined;
}

/** Buttons the user sees with a message: its keyboard's and rich media's. */
export function viberMessageButtons(message: ViberSentMessage): ViberButton[] {
  return [...viberButtonsOf(message.keyboard), ...viberButtonsOf(richMediaOf(message))];
}

/** Starts a Viber REST API double on 127.0.0.1 (a free port). Close it with `close()`. */
export async function startViberDouble(options: ViberDoubleOptions = {}): Promise<ViberDouble> {
  let double: ViberDouble | undefined;
  const server = await startLoopbackServer(async (req, res) => {
    if (!double) throw new Error("double not ready");
    await double.handle(req, res);
  });
  double = new ViberDouble(server, options);
  return double;
}
