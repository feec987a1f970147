/**
 * The Bot API's checks on parameters, with Telegram's error descriptions: reading parameters
 * from JSON or multipart bodies, text and caption limits, and reply markup rules.
 */
import { parseFormatted } from "./html.js";
import type { UploadedPart } from "./http-kit.js";
import type { ChatRecord } from "./telegram-state.js";

/** How a refusal is classified in `double.calls` (only "refused" counts as the bot's mistake). */
export type RefusalKind = "refused" | "blocked" | "rate-limited" | "injected";

/** A Bot API error answer: `{ ok: false, error_code, description, parameters? }`. */
export class ApiRefusal extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly kind: RefusalKind = "refused",
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

/** Throws a 400 "Bad Request: ..." refusal. */
export function badRequest(detail: string): never {
  throw new ApiRefusal(400, `Bad Request: ${detail}`);
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A file parameter: an existing file_id, an HTTP URL, or bytes uploaded with the request. */
export type InputFileParam =
  | { readonly kind: "file_id"; readonly fileId: string }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "upload"; readonly part: UploadedPart };

/**
 * Reads parameters the way the Bot API does: from a JSON object, a query string or multipart
 * fields (where every value is a string and objects are JSON-serialised).
 */
export class Params {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly files: ReadonlyMap<string, UploadedPart> = new Map(),
  ) {}

  /** Whether the parameter is present and not null. */
  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  /** A string parameter (numbers are accepted and converted, as Telegram does). */
  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return badRequest(`field "${name}" must be of type String`);
  }

  /** An integer parameter (numeric strings accepted). */
  int(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number)) return badRequest(`field "${name}" must be of type Integer`);
    return number;
  }

  /** A float parameter (numeric strings accepted). */
  number(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
    if (!Number.isFinite(number)) return badRequest(`field "${name}" must be of type Number`);
    return number;
  }

  /** A boolean parameter ("true"/"false" strings accepted). */
  bool(name: string): boolean | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1" || value === 1) return true;
    if (value === "false" || value === "0" || value === 0) return false;
    return badRequest(`field "${name}" must be of type Boolean`);
  }

  /** An object parameter, given as an object or as its JSON serialisation. */
  object(name: string): Record<string, unknown> | undefined {
    const value = this.json(name);
    if (value === undefined) return undefined;
    if (!isObject(value)) return badRequest(`can't parse ${name} JSON object`);
    return value;
  }

  /** An array parameter, given as an array or as its JSON serialisation. */
  array(name: string): unknown[] | undefined {
    const value = this.json(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return badRequest(`can't parse ${name} JSON array`);
    return value as unknown[];
  }

  private json(name: string): unknown {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** chat_id (integer or "@username"); refuses when missing. */
  chatId(name = "chat_id"): number | string {
    const value = this.raw[name];
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
    if (typeof value === "string" && /^@[A-Za-z0-9_]{4,}$/.test(value)) return value;
    if (value === undefined || value === null || value === "") return badRequest(`${name} is empty`);
    return badRequest("chat not found");
  }

  /** A file parameter; refuses when missing or when an attach:// reference has no part. */
  inputFile(name: string): InputFileParam {
    const direct = this.files.get(name);
    if (direct) return { kind: "upload", part: direct };
    const value = this.string(name);
    if (value === undefined || value === "") return badRequest(`there is no ${name} in the request`);
    if (value.startsWith("attach://")) {
      const part = this.files.get(value.slice("attach://".length));
      if (!part) return badRequest(`there is no ${name} in the request`);
      return { kind: "upload", part };
    }
    if (/^https?:\/\//i.test(value)) {
      try {
        return { kind: "url", url: new URL(value).toString() };
      } catch {
        return badRequest("wrong file identifier/HTTP URL specified");
      }
    }
    return { kind: "file_id", fileId: value };
  }
}

/** Telegram's limits on text. */
export const TEXT_LIMITS = { message: 4096, caption: 1024, callbackAnswer: 200, callbackData: 64 } as const;

/**
 * Checks a message text and returns what people will see. Length is measured after entity
 * parsing and trimming, in UTF-16 code units (as Telegram's entity offsets are).
 */
export function checkMessageText(text: string | undefined, parseMode: string | undefined): string {
  if (text === undefined || text === "") return badRequest("message text is empty");
  const parsed = parseFormatted(text, parseMode);
  if (!parsed.ok) return badRequest(parsed.error === "unsupported parse_mode" ? parsed.error : `can't parse entities: ${parsed.error}`);
  const visible = parsed.text.trim();
  if (visible === "") return badRequest("message text is empty");
  if (visible.length > TEXT_LIMITS.message) return badRequest("message is too long");
  return visible;
}

/** Checks a caption (may be empty) and returns what people will see. */
export function checkCaption(caption: string | undefined, parseMode: string | undefined): string {
  if (caption === undefined || caption === "") return "";
  const parsed = parseFormatted(caption, parseMode);
  if (!parsed.ok) return badRequest(parsed.error === "unsupported parse_mode" ? parsed.error : `can't parse entities: ${parsed.error}`);
  const visible = parsed.text.trim();
  if (visible.length > TEXT_LIMITS.caption) return badRequest("message caption is too long");
  return visible;
}

const INLINE_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

const REPLY_BUTTON_REQUESTS = ["request_contact", "request_location", "request_poll", "request_users", "request_chat", "web_app"] as const;

/** Inline keyboards may hold at most this many buttons in total. */
export const MAX_INLINE_BUTTONS = 100;

/**
 * Validates `reply_markup` for a message to `chat`. `inlineOnly` is for edits, which accept
 * only inline keyboards. Returns the markup (parsed) or undefined.
 */
export function checkReplyMarkup(markup: Record<string, unknown> | undefined, chat: ChatRecord, inlineOnly = false): Record<string, unknown> | undefined {
  if (markup === undefined) return undefined;
  if ("inline_keyboard" in markup) {
    checkInlineKeyboard(markup["inline_keyboard"]);
    return markup;
  }
  if (inlineOnly) return badRequest('can\'t parse inline keyboard markup JSON object: field "inline_keyboard" must be an Array');
  if ("keyboard" in markup) {
    checkReplyKeyboard(markup, chat);
    return markup;
  }
  if ("remove_keyboard" in markup) {
    if (markup["remove_keyboard"] !== true) return badRequest("can't parse reply keyboard markup JSON object");
    return markup;
  }
  if ("force_reply" in markup) {
    if (markup["force_reply"] !== true) return badRequest("can't parse reply keyboard markup JSON object");
    checkPlaceholder(markup);
    return markup;
  }
  return badRequest("can't parse reply keyboard markup JSON object");
}

function checkPlaceholder(markup: Record<string, unknown>): void {
  const placeholder = markup["input_field_placeholder"];
  if (placeholder === undefined) return;
  if (typeof placeholder !== "string" || placeholder.length < 1 || placeholder.length > 64) {
    badRequest("input field placeholder must be 1-64 characters long");
  }
}

function rowsOf(value: unknown, what: string): unknown[][] {
  if (!Array.isArray(value)) return badRequest(`can't parse ${what} markup JSON object: field "${what}" must be an Array`);
  return value.map((row) => {
    if (!Array.isArray(row)) return badRequest(`can't parse ${what} markup JSON object: every row must be an Array`);
    return row as unknown[];
  });
}

function checkInlineKeyboard(value: unknown): void {
  const rows = rowsOf(value, "inline_keyboard");
  let count = 0;
  for (const row of rows) {
    for (const button of row) {
      count += 1;
      if (!isObject(button)) return badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof button["text"] !== "string") badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
      if (button["text"] === "") badRequest("can't parse inline keyboard button: Text must be non-empty");
      const actions = INLINE_ACTIONS.filter((action) => button[action] !== undefined);
      if (actions.length === 0) badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (actions.length > 1) {
        badRequest(`can't parse inline keyboard button: exactly one of the optional fields must be used, found ${actions.join(", ")}`);
      }
      const data = button["callback_data"];
      if (data !== undefined) {
        if (typeof data !== "string") badRequest('can\'t parse inline keyboard button: Field "callback_data" must be of type String');
        const bytes = Buffer.byteLength(data, "utf8");
        if (bytes < 1 || bytes > TEXT_LIMITS.callbackData) badRequest("BUTTON_DATA_INVALID");
      }
      const url = button["url"];
      if (url !== undefined && (typeof url !== "string" || !isButtonUrl(url))) badRequest("BUTTON_URL_INVALID");
    }
  }
  if (count > MAX_INLINE_BUTTONS) badRequest("reply markup is too long");
}

function isButtonUrl(url: string): boolean {
  try {
    return ["http:", "https:", "tg:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function checkReplyKeyboard(markup: Record<string, unknown>, chat: ChatRecord): void {
  const rows = rowsOf(markup["keyboard"], "keyboard");
  if (rows.length === 0 || rows.every((row) => row.length === 0)) badRequest("keyboard must be non-empty");
  checkPlaceholder(markup);
  for (const row of rows) {
    for (const button of row) {
      if (typeof button === "string") {
        if (button === "") badRequest("can't parse keyboard button: Text must be non-empty");
        continue;
      }
      if (!isObject(button)) return badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
      if (typeof button["text"] !== "string" || button["text"] === "") {
        badRequest('can\'t parse keyboard button: Field "text" must be a non-empty String');
      }
      const requests = REPLY_BUTTON_REQUESTS.filter((field) => button[field] !== undefined && button[field] !== false);
      if (requests.length > 1) badRequest(`can't parse keyboard button: at most one of ${requests.join(", ")} can be used`);
      if (chat.kind !== "private" && button["request_contact"] === true) badRequest("phone number can be requested in private chats only");
      if (chat.kind !== "private" && button["request_location"] === true) badRequest("location can be requested in private chats only");
    }
  }
}

/** Button labels of a markup, row by row. */
export function buttonRows(markup: Record<string, unknown> | undefined): string[][] {
  if (!markup) return [];
  const rows = markup["inline_keyboard"] ?? markup["keyboard"];
  if (!Array.isArray(rows)) return [];
  return rows.map((row: unknown) =>
    Array.isArray(row) ? row.map((button: unknown) => (typeof button === "string" ? button : isObject(button) ? String(button["text"] ?? "") : "")) : [],
  );
}

/** Inline buttons of a markup with their callback data. */
export function inlineButtons(markup: Record<string, unknown> | undefined): Array<{ text: string; data: string | undefined }> {
  const rows = markup?.["inline_keyboard"];
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) =>
    Array.isArray(row)
      ? row.filter(isObject).map((button) => ({
          text: String(button["text"] ?? ""),
          data: typeof button["callback_data"] === "string" ? button["callback_data"] : undefined,
        }))
      : [],
  );
}
