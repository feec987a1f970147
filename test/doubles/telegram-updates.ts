/**
 * How the Telegram double hands updates to the bot: a getUpdates queue with real long polling
 * (offset confirms, `timeout` holds the request, a second long poll ends the first with 409),
 * or webhook POSTs with the secret header once setWebhook was called. Also answers setWebhook,
 * deleteWebhook and getWebhookInfo.
 */
import type { ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { ChangeSignal } from "./http-kit.js";
import type { TelegramState } from "./telegram-state.js";
import { ApiRefusal, Params, badRequest, isObject } from "./telegram-validate.js";

/** One update handed to the bot (or, with via "filtered", withheld because of allowed_updates). */
export interface Delivery {
  readonly update: Update;
  readonly via: "webhook" | "getUpdates" | "filtered";
  /** HTTP status of the bot's webhook answer (0 when it could not be reached). */
  readonly status?: number;
}

interface Poller {
  wake(): void;
  finish(updates: Update[]): void;
  supersede(): void;
}

/** Update types Telegram sends when allowed_updates is empty or was never given. */
const DEFAULT_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/** The kind of an update: its one field besides update_id (message, callback_query, ...). */
export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

/** Methods answered by {@link UpdateChannel.answer}, lower-cased. */
export const UPDATE_METHODS: ReadonlySet<string> = new Set(["getupdates", "setwebhook", "deletewebhook", "getwebhookinfo"]);

/** The update queue, the long poll and the webhook of one Telegram double. */
export class UpdateChannel {
  /** Every update handed to the bot. */
  readonly deliveries: Delivery[] = [];
  #poller: Poller | undefined;
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly state: TelegramState,
    private readonly signal: ChangeSignal,
    private readonly webhookTimeoutMs: number,
    /** Runs a method call the bot put in its webhook answer. */
    private readonly runWebhookReply: (method: string, params: Params) => Promise<unknown>,
  ) {}

  /** True while a getUpdates long poll is waiting. */
  get isPolling(): boolean {
    return this.#poller !== undefined;
  }

  /** POSTs the update to the webhook (resolving with the HTTP status) or queues it (null). */
  async deliver(update: Update): Promise<number | null> {
    const type = updateType(update);
    const allowed = this.state.allowedUpdates;
    if (allowed.length > 0 ? !allowed.includes(type) : DEFAULT_EXCLUDED.has(type)) {
      this.deliveries.push({ update, via: "filtered" });
      this.signal.notify();
      return null;
    }
    if (this.state.webhook) return this.#postToWebhook(update);
    this.state.queue.push(update);
    this.deliveries.push({ update, via: "getUpdates" });
    this.#poller?.wake();
    this.signal.notify();
    return null;
  }

  /** Answers a pending long poll with no updates and waits for a queue flush to the webhook. */
  async stop(): Promise<void> {
    this.#poller?.finish([]);
    await this.#flushing;
  }

  /** Answers getUpdates, setWebhook, deleteWebhook or getWebhookInfo (lower-cased name). */
  answer(method: string, params: Params, res: ServerResponse | undefined): Promise<Update[]> | Update[] | boolean | Record<string, unknown> {
    switch (method) {
      case "getupdates":
        return this.#getUpdates(params, res);
      case "setwebhook":
        return this.#setWebhook(params);
      case "deletewebhook":
        if (params.bool("drop_pending_updates")) this.state.queue.length = 0;
        this.state.webhook = undefined;
        return true;
      default:
        return this.#webhookInfo();
    }
  }

  #setWebhook(params: Params): boolean {
    const { state } = this;
    const url = params.string("url") ?? "";
    const secretToken = params.string("secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) return badRequest("secret token contains unallowed characters");
    const maxConnections = params.int("max_connections") ?? 40;
    if (maxConnections < 1 || maxConnections > 100) return badRequest("bad webhook: max_connections must be between 1 and 100");
    const allowedUpdates = params.array("allowed_updates")?.filter((u): u is string => typeof u === "string");
    if (allowedUpdates) state.allowedUpdates = allowedUpdates;
    if (params.bool("drop_pending_updates")) state.queue.length = 0;
    if (url === "") {
      state.webhook = undefined;
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return badRequest("bad webhook: invalid webhook URL specified");
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    state.webhook = {
      url,
      secretToken,
      maxConnections,
      allowedUpdates,
    };
    this.#poller?.finish([]);
    if (state.queue.length > 0) this.#flushing = this.#flushQueue();
    return true;
  }

  #webhookInfo(): Record<string, unknown> {
    const webhook = this.state.webhook;
    return {
      url: webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.state.queue.length,
      ...(webhook ? { max_connections: webhook.maxConnections, ip_address: "127.0.0.1" } : {}),
      ...(webhook?.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
      ...(webhook?.lastErrorDate ? { last_error_date: webhook.lastErrorDate, last_error_message: webhook.lastErrorMessage } : {}),
    };
  }

  /** Updates queued before setWebhook go to the webhook, in order, as Telegram would send them. */
  async #flushQueue(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.state.webhook && this.state.queue.length > 0) {
      const update = this.state.queue.shift();
      if (update) await this.#postToWebhook(update);
    }
  }

  #getUpdates(params: Params, res: ServerResponse | undefined): Promise<Update[]> | Update[] {
    const { state } = this;
    if (state.webhook) {
      throw new ApiRefusal(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const allowedUpdates = params.array("allowed_updates")?.filter((u): u is string => typeof u === "string");
    if (allowedUpdates) state.allowedUpdates = allowedUpdates;
    const offset = params.int("offset");
    const limit = Math.min(100, Math.max(1, params.int("limit") ?? 100));
    const timeout = Math.max(0, params.int("timeout") ?? 0);
    if (offset !== undefined && offset > 0) {
      while (state.queue.length > 0 && (state.queue[0]?.update_id ?? Infinity) < offset) state.queue.shift();
    } else if (offset !== undefined && offset < 0) {
      state.queue.splice(0, Math.max(0, state.queue.length + offset));
    }
    const available = () => state.queue.slice(0, limit);
    if (available().length > 0 || timeout === 0) return available();
    this.#poller?.supersede();
    return new Promise<Update[]>((resolve, reject) => {
      let done = false;
      const end = (): void => {
        done = true;
        clearTimeout(timer);
        if (this.#poller === poller) this.#poller = undefined;
      };
      const poller: Poller = {
        wake: () => {
          if (available().length > 0) poller.finish(available());
        },
        finish: (updates) => {
          if (done) return;
          end();
          resolve(updates);
        },
        supersede: () => {
          if (done) return;
          if (res?.destroyed || res?.closed) return poller.finish([]);
          end();
          reject(new ApiRefusal(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
        },
      };
      const timer = setTimeout(() => poller.finish([]), timeout * 1000);
      res?.once("close", () => poller.finish([]));
      this.#poller = poller;
      this.signal.notify();
    });
  }

  async #postToWebhook(update: Update): Promise<number> {
    const webhook = this.state.webhook;
    if (!webhook) throw new Error("No webhook is set");
    let status = 0;
    let text = "";
    try {
      const response = await fetch(webhook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(webhook.secretToken !== undefined ? { "x-telegram-bot-api-secret-token": webhook.secretToken } : {}),
        },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(this.webhookTimeoutMs),
      });
      status = response.status;
      text = await response.text();
      if (status < 200 || status > 299) {
        webhook.lastErrorDate = this.state.now();
        webhook.lastErrorMessage = `Wrong response from the webhook: ${status} ${response.statusText}`;
      }
    } catch (error) {
      webhook.lastErrorDate = this.state.now();
      webhook.lastErrorMessage = error instanceof Error ? `Connection failed: ${error.message}` : "Connection failed";
    }
    this.deliveries.push({ update, via: "webhook", status });
    this.signal.notify();
    if (status >= 200 && status <= 299 && text.trim().startsWith("{")) {
      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {
        reply = undefined;
      }
      if (isObject(reply) && typeof reply["method"] === "string") {
        const { method, ...rest } = reply;
        await this.runWebhookReply(String(method), new Params(rest));
      }
    }
    return status;
  }
}
