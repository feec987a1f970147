/**
 * Viber's rules for a bot message (send_message, broadcast_message and the welcome message in a
 * conversation_started response), returning Viber's status code and a message saying what is
 * wrong. Figures follow Viber's REST bot API docs; see /work/shared/docs/platform-limits.md.
 */

/** Viber's status codes used by the double. */
export const VIBER_STATUS = {
  ok: 0,
  invalidUrl: 1,
  invalidAuthToken: 2,
  badData: 3,
  missingData: 4,
  receiverNotRegistered: 5,
  receiverNotSubscribed: 6,
  webhookNotSet: 10,
  tooManyRequests: 12,
} as const;

/** A refusal: a Viber status code (not 0) and its status_message. */
export class ViberRefusal extends Error {
  constructor(
    readonly status: number,
    readonly statusMessage: string,
  ) {
    super(statusMessage);
  }
}

/** Limits Viber applies to bot messages. */
export const VIBER_LIMITS = {
  bodyBytes: 30 * 1024,
  text: 7000,
  pictureText: 768,
  trackingData: 4000,
  senderName: 28,
  keyboardButtons: 24,
  buttonText: 250,
  broadcastList: 300,
  urlLength: 2000,
  contactName: 28,
  contactPhone: 18,
  fileName: 256,
  fileSize: 200 * 1024 * 1024,
} as const;

const MESSAGE_TYPES = new Set(["text", "picture", "contact", "location", "url", "sticker", "file", "rich_media"]);
const ACTION_TYPES = new Set(["reply", "open-url", "location-picker", "share-phone", "none"]);
/** ActionTypes that only clients with API version 3 or later understand. */
const NEEDS_API_3 = new Set(["location-picker", "share-phone", "none"]);
/** Extensions Viber refuses for `file` messages. */
const FORBIDDEN_EXTENSIONS = new Set([
  "apk",
  "app",
  "bat",
  "bin",
  "cmd",
  "com",
  "command",
  "cpl",
  "csh",
  "dll",
  "exe",
  "gadget",
  "inf",
  "ins",
  "inx",
  "ipa",
  "isu",
  "job",
  "jse",
  "ksh",
  "lnk",
  "msc",
  "msi",
  "msp",
  "mst",
  "osx",
  "out",
  "paf",
  "pif",
  "prg",
  "ps1",
  "reg",
  "rgs",
  "run",
  "scr",
  "sct",
  "shb",
  "shs",
  "u3",
  "vb",
  "vbe",
  "vbs",
  "vbscript",
  "workflow",
  "ws",
  "wsf",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function bad(detail: string): never {
  throw new ViberRefusal(VIBER_STATUS.badData, `badData: ${detail}`);
}

function missing(detail: string): never {
  throw new ViberRefusal(VIBER_STATUS.missingData, `missingData: ${detail}`);
}

function isUrl(value: unknown, protocols = ["http:", "https:"]): value is string {
  if (typeof value !== "string" || value.length > VIBER_LIMITS.urlLength) return false;
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function intIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** What a valid message looks like once checked. */
export interface CheckedMessage {
  readonly type: string;
  readonly keyboard: Record<string, unknown> | undefined;
  readonly minApiVersion: number | undefined;
  readonly trackingData: string | undefined;
  readonly sender: { readonly name: string; readonly avatar?: string };
}

/**
 * Checks a bot message body (everything except `receiver`/`broadcast_list`, which callers check)
 * and throws a {@link ViberRefusal} for the first problem.
 */
export function checkViberMessage(body: Record<string, unknown>, rawBytes: number): CheckedMessage {
  if (rawBytes > VIBER_LIMITS.bodyBytes) bad(`request body is ${rawBytes} bytes; the limit is 30 KB`);
  const sender = body["sender"];
  if (!isObject(sender) || sender["name"] === undefined) missing("sender.name is required");
  const name = sender["name"];
  if (typeof name !== "string" || name.length === 0) bad("sender.name must be a non-empty string");
  if (name.length > VIBER_LIMITS.senderName) bad(`sender.name is ${name.length} characters; the limit is ${VIBER_LIMITS.senderName}`);
  const avatar = sender["avatar"];
  if (avatar !== undefined && !isUrl(avatar)) bad("sender.avatar must be a URL");
  const minApiVersion = body["min_api_version"];
  if (minApiVersion !== undefined && !intIn(minApiVersion, 1, 100)) bad("min_api_version must be a positive integer");
  const trackingData = body["tracking_data"];
  if (trackingData !== undefined && typeof trackingData !== "string") bad("tracking_data must be a string");
  if (typeof trackingData === "string" && trackingData.length > VIBER_LIMITS.trackingData) {
    bad(`tracking_data is ${trackingData.length} characters; the limit is ${VIBER_LIMITS.trackingData}`);
  }
  const type = body["type"];
  if (type === undefined) missing("type is required");
  if (typeof type !== "string" || !MESSAGE_TYPES.has(type)) bad(`type "${String(type)}" is not one of ${[...MESSAGE_TYPES].join(", ")}`);
  checkContent(type, body, typeof minApiVersion === "number" ? minApiVersion : undefined);
  const keyboard = body["keyboard"];
  if (keyboard !== undefined) checkKeyboard(keyboard, typeof minApiVersion === "number" ? minApiVersion : undefined);
  return {
    type,
    keyboard: isObject(keyboard) ? keyboard : undefined,
    minApiVersion: typeof minApiVersion === "number" ? minApiVersion : undefined,
    trackingData: typeof trackingData === "string" ? trackingData : undefined,
    sender: { name, ...(typeof avatar === "string" ? { avatar } : {}) },
  };
}

function checkContent(type: string, body: Record<string, unknown>, minApiVersion: number | undefined): void {
  const text = body["text"];
  switch (type) {
    case "text":
      if (text === undefined) missing("text is required for a text message");
      if (typeof text !== "string" || text.trim() === "") bad("text must be a non-empty string");
      if (text.length > VIBER_LIMITS.text) bad(`text is ${text.length} characters; the limit is ${VIBER_LIMITS.text}`);
      return;
    case "picture":
      if (body["media"] === undefined) missing("media is required for a picture message");
      if (!isUrl(body["media"])) bad("media must be an http(s) URL of the picture");
      if (text !== undefined && (typeof text !== "string" || text.length > VIBER_LIMITS.pictureText)) {
        bad(`picture text must be a string of at most ${VIBER_LIMITS.pictureText} characters`);
      }
      if (body["thumbnail"] !== undefined && !isUrl(body["thumbnail"])) bad("thumbnail must be a URL");
      return;
    case "contact": {
      const contact = body["contact"];
      if (!isObject(contact)) missing("contact is required for a contact message");
      const name = contact["name"];
      const phone = contact["phone_number"];
      if (typeof name !== "string" || name.length === 0 || name.length > VIBER_LIMITS.contactName) bad("contact.name must be 1-28 characters");
      if (typeof phone !== "string" || phone.length === 0 || phone.length > VIBER_LIMITS.contactPhone) bad("contact.phone_number must be 1-18 characters");
      return;
    }
    case "location": {
      const location = body["location"];
      if (!isObject(location)) missing("location is required for a location message");
      const lat = Number(location["lat"]);
      const lon = Number(location["lon"]);
      if (!Number.isFinite(lat) || lat < -90 || lat > 90 || !Number.isFinite(lon) || lon < -180 || lon > 180) bad("location.lat/lon are out of range");
      return;
    }
    case "url":
      if (body["media"] === undefined) missing("media is required for a url message");
      if (!isUrl(body["media"])) bad(`media must be a URL of at most ${VIBER_LIMITS.urlLength} characters`);
      return;
    case "sticker":
      if (!intIn(body["sticker_id"], 1, Number.MAX_SAFE_INTEGER)) missing("sticker_id is required for a sticker message");
      return;
    case "file": {
      if (!isUrl(body["media"])) missing("media (a URL) is required for a file message");
      if (!intIn(body["size"], 1, VIBER_LIMITS.fileSize)) bad("size must be the file size in bytes, at most 200 MB");
      const fileName = body["file_name"];
      if (typeof fileName !== "string" || fileName.length === 0 || fileName.length > VIBER_LIMITS.fileName) bad("file_name must be 1-256 characters");
      const extension = fileName.split(".").pop()?.toLowerCase() ?? "";
      if (FORBIDDEN_EXTENSIONS.has(extension)) bad(`files with extension .${extension} are not allowed`);
      return;
    }
    default:
      checkRichMedia(body["rich_media"], minApiVersion);
  }
}

function checkRichMedia(richMedia: unknown, minApiVersion: number | undefined): void {
  if (!isObject(richMedia)) missing("rich_media is required for a rich_media message");
  if (richMedia["Type"] !== "rich_media") bad('rich_media.Type must be "rich_media"');
  if ((minApiVersion ?? 1) < 2) bad("rich_media messages need min_api_version 2 or later");
  const columns = richMedia["ButtonsGroupColumns"] ?? 6;
  const rows = richMedia["ButtonsGroupRows"] ?? 7;
  if (typeof columns !== "number" || !intIn(columns, 1, 6)) bad("rich_media.ButtonsGroupColumns must be 1-6");
  if (typeof rows !== "number" || !intIn(rows, 1, 7)) bad("rich_media.ButtonsGroupRows must be 1-7");
  const buttons = richMedia["Buttons"];
  if (!Array.isArray(buttons) || buttons.length === 0) bad("rich_media.Buttons must be a non-empty array");
  buttons.forEach((button, index) => checkButton(button, `rich_media.Buttons[${index}]`, minApiVersion, columns, rows));
}

function checkKeyboard(keyboard: unknown, minApiVersion: number | undefined): void {
  if (!isObject(keyboard)) bad("keyboard must be an object");
  if (keyboard["Type"] !== "keyboard") bad('keyboard.Type must be "keyboard"');
  const buttons = keyboard["Buttons"];
  if (!Array.isArray(buttons) || buttons.length === 0) bad("keyboard.Buttons must be a non-empty array");
  if (buttons.length > VIBER_LIMITS.keyboardButtons) bad(`keyboard has ${buttons.length} buttons; the limit is ${VIBER_LIMITS.keyboardButtons}`);
  const state = keyboard["InputFieldState"];
  if (state !== undefined && !["regular", "minimized", "hidden"].includes(String(state))) bad("keyboard.InputFieldState must be regular, minimized or hidden");
  buttons.forEach((button, index) => checkButton(button, `keyboard.Buttons[${index}]`, minApiVersion, 6, 2));
}

function checkButton(button: unknown, where: string, minApiVersion: number | undefined, maxColumns: number, maxRows: number): void {
  if (!isObject(button)) bad(`${where} must be an object`);
  const actionType = button["ActionType"] ?? "reply";
  if (typeof actionType !== "string" || !ACTION_TYPES.has(actionType))
    bad(`${where}.ActionType "${String(actionType)}" is not one of ${[...ACTION_TYPES].join(", ")}`);
  const actionBody = button["ActionBody"];
  if (actionBody === undefined) missing(`${where}.ActionBody is required`);
  if (typeof actionBody !== "string" || actionBody.length === 0) bad(`${where}.ActionBody must be a non-empty string`);
  if (actionType === "open-url" && !isUrl(actionBody, ["http:", "https:", "viber:"])) bad(`${where}.ActionBody must be a URL for open-url`);
  if (NEEDS_API_3.has(actionType) && (minApiVersion ?? 1) < 3) {
    bad(`${where}.ActionType "${actionType}" needs min_api_version 3 or later on the message`);
  }
  const columns = button["Columns"] ?? Math.min(6, maxColumns);
  const rows = button["Rows"] ?? 1;
  if (!intIn(columns, 1, maxColumns)) bad(`${where}.Columns must be 1-${maxColumns}`);
  if (!intIn(rows, 1, maxRows)) bad(`${where}.Rows must be 1-${maxRows}`);
  const text = button["Text"];
  if (text !== undefined && typeof text !== "string") bad(`${where}.Text must be a string`);
  if (typeof text === "string" && text.length > VIBER_LIMITS.buttonText)
    bad(`${where}.Text is ${text.length} characters; the limit is ${VIBER_LIMITS.buttonText}`);
  const color = button["BgColor"];
  if (color !== undefined && (typeof color !== "string" || !/^#[0-9a-fA-F]{6}$/.test(color))) bad(`${where}.BgColor must look like #RRGGBB`);
}

/** A button of a keyboard or rich media message. */
export interface ViberButton {
  readonly text: string;
  readonly actionType: string;
  readonly actionBody: string;
  readonly silent: boolean;
}

/** Buttons of a keyboard or rich_media object, with Text's markup (`<b>`, `<font>`, `<br>`) removed. */
export function viberButtonsOf(container: Record<string, unknown> | undefined): ViberButton[] {
  const buttons = container?.["Buttons"];
  if (!Array.isArray(buttons)) return [];
  return buttons.filter(isObject).map((button) => ({
    text: String(button["Text"] ?? "")
      .replace(/<br\s*\/?>/gi, " ")
      .replace(/<[^>]*>/g, "")
      .trim(),
    actionType: String(button["ActionType"] ?? "reply"),
    actionBody: String(button["ActionBody"] ?? ""),
    silent: button["Silent"] === true,
  }));
}
