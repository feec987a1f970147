// viber-bot's message modules one by one: its entry point also loads the Bot class, which requires
// express at import time (see viber-bot.d.ts).
import KeyboardMessage from "viber-bot/lib/message/keyboard-message.js";
import type Message from "viber-bot/lib/message/message.js";
import TextMessage from "viber-bot/lib/message/text-message.js";
import { splitText } from "../../core/text.js";
import type { Button, OutgoingMessage } from "../../core/types.js";

/** Viber's text limit per message (a third-party figure; requests are capped at 30 KB anyway). */
export const VIBER_TEXT_LIMIT = 7000;
/** Viber shows at most 24 buttons per keyboard. */
const MAX_BUTTONS = 24;
/** share-phone and location-picker buttons need this API version on the message. */
const REQUEST_API_VERSION = 3;

/** The sender shown on every message (name at most 28 characters). */
export interface ViberSender {
  readonly name: string;
  readonly avatar?: string;
}

interface ViberButton {
  Columns: number;
  Rows: number;
  ActionType: "reply" | "share-phone" | "location-picker";
  ActionBody: string;
  Text: string;
  TextSize: "regular" | "large";
  BgColor: string;
  Silent: boolean;
}

function button(label: string, action: ViberButton["ActionType"], body: string, columns: number): ViberButton {
  return { Columns: columns, Rows: 1, ActionType: action, ActionBody: body, Text: label.slice(0, 250), TextSize: "regular", BgColor: "#E8EEF7", Silent: true };
}

/**
 * Builds the keyboard: big buttons, at most two per row, readable on an old phone. Choice buttons
 * reply silently with their data; contact and location requests use Viber's own button kinds, and
 * the keyboard then carries the API version they need.
 */
export function viberKeyboard(rows: readonly (readonly Button[])[], request: OutgoingMessage["request"]): KeyboardMessage {
  const buttons: ViberButton[] = [];
  if (request) buttons.push(button(request.label, request.kind === "contact" ? "share-phone" : "location-picker", request.kind, 6));
  for (const row of rows) {
    // Viber rows are 6 columns wide; wider rows are split so that buttons stay big.
    for (let i = 0; i < row.length; i += 2) {
      const pair = row.slice(i, i + 2);
      for (const entry of pair) buttons.push(button(entry.label, "reply", entry.data, pair.length === 1 ? 6 : 3));
    }
  }
  const keyboard: Message.Keyboard = { Type: "keyboard", DefaultHeight: false, InputFieldState: "regular", Buttons: buttons.slice(0, MAX_BUTTONS) };
  return new KeyboardMessage(keyboard, null, undefined, undefined, request ? REQUEST_API_VERSION : 1);
}

/** A send_message request without `receiver`, as viber-bot's own client assembles it from a message. */
export interface ViberPayload {
  readonly sender: ViberSender;
  readonly type?: unknown;
  readonly text?: unknown;
  readonly keyboard?: Message.Keyboard;
  readonly min_api_version?: number;
  readonly [field: string]: unknown;
}

/** The request for one viber-bot message: the sender, the message's own fields, its keyboard if any. */
export function viberPayload(message: Message, sender: ViberSender): ViberPayload {
  return {
    sender,
    ...message.toJson(),
    ...(message.keyboard ? { keyboard: message.keyboard, min_api_version: message.minApiVersion ?? 1 } : {}),
  };
}

/**
 * Renders neutral messages as Viber `send_message` payloads (without `receiver`): plain text (Viber
 * has no HTML; the title goes on its own line), split at the length limit, and a keyboard on the
 * last one. A message without buttons gets `fallbackRows` (the main menu), because a Viber message
 * without a keyboard removes the one the resident had.
 */
export function renderForViber(messages: readonly OutgoingMessage[], sender: ViberSender, fallbackRows: readonly (readonly Button[])[]): ViberPayload[] {
  const payloads: ViberPayload[] = [];
  messages.forEach((message, index) => {
    const text = message.title ? `${message.title}\n\n${message.text}` : message.text;
    const pieces = splitText(text || "…", VIBER_TEXT_LIMIT);
    const last = index === messages.length - 1;
    pieces.forEach((piece, pieceIndex) => {
      const rows = message.buttons && message.buttons.length > 0 ? message.buttons : fallbackRows;
      const keyboard = last && pieceIndex === pieces.length - 1 ? viberKeyboard(rows, message.request) : undefined;
      payloads.push(viberPayload(new TextMessage(piece, keyboard?.keyboard, null, undefined, undefined, keyboard?.minApiVersion), sender));
    });
  });
  return payloads;
}
