/**
 * How a report card looks in Telegram: its HTML text, the status buttons under it, and its length
 * as plain text (which decides whether it fits a photo's caption). Used by CardDesk (cards.ts).
 *
 * @module
 */

import type { InlineKeyboardMarkup } from "grammy/types";
import type { CardModel } from "../../../core/reports/card.js";
import type { Report } from "../../../core/reports/reports.js";
import { escapeHtml } from "../render.js";

/**
 * Renders a card for Telegram: bold header, escaped fields; the resident's own words in a
 * `<blockquote>`, so a line in them can never look like one of the card's fields.
 */
export function cardHtml(card: CardModel): string {
  const lines = [
    `<b>${escapeHtml(card.header)}</b>`,
    ...card.fields.map((field) =>
      field.long
        ? `<b>${escapeHtml(field.label)}:</b>\n<blockquote>${escapeHtml(field.value)}</blockquote>`
        : `<b>${escapeHtml(field.label)}:</b> ${escapeHtml(field.value)}`,
    ),
    ...card.notes.map((note) => `<i>${escapeHtml(note)}</i>`),
  ];
  return lines.join("\n");
}

/**
 * Status buttons that fit the report's state; on a report others joined, a second row switches
 * whether replies to the card go to its author only (the default) or to everyone it affects.
 */
export function statusKeyboard(report: Report, t: (key: string, args?: Record<string, string | number>) => string): InlineKeyboardMarkup {
  const button = (status: string, label: string) => ({ text: t(label), callback_data: `st:${report.ref}:${status}` });
  const followers = report.followers?.length ?? 0;
  const audience =
    followers > 0
      ? [
          [
            report.replyAll === true
              ? { text: t("card-button-reply-author"), callback_data: `ra:${report.ref}:author` }
              : { text: t("card-button-reply-all", { count: followers + 1 }), callback_data: `ra:${report.ref}:all` },
          ],
        ]
      : [];
  if (report.status === "resolved" || report.status === "rejected") {
    return { inline_keyboard: [[button("in_progress", "card-button-reopen")], ...audience] };
  }
  const row = report.status === "new" ? [button("in_progress", "card-button-in_progress")] : [];
  return { inline_keyboard: [[...row, button("resolved", "card-button-resolved"), button("rejected", "card-button-rejected")], ...audience] };
}

/** The card's length as plain text, without markup: compared with Telegram's caption limit. */
export function plainLength(card: CardModel): number {
  return [card.header, ...card.fields.map((field) => `${field.label}: ${field.value}`), ...card.notes].join("\n").length;
}
