import type { Content } from "../content.js";
import { optionLabel } from "../flows/flow.js";
import { placeLabel, placeMatcherFor } from "../places/index.js";
import { safeMultiline, singleLine } from "../text.js";
import type { Locale } from "../types.js";
import type { Report } from "./reports.js";

/** One labelled line of a card; a `long` field is a resident's own words, shown set apart from the fields. */
export interface CardField {
  readonly label: string;
  readonly value: string;
  readonly long?: true;
}

/** A card as data: a header and labelled fields. Renderers escape and format it for their medium. */
export interface CardModel {
  readonly header: string;
  readonly fields: readonly CardField[];
  /** Lines shown after the fields (e.g. "personal data deleted"). */
  readonly notes: readonly string[];
}

const STATUS_ICON: Record<Report["status"], string> = { new: "🆕", in_progress: "🔧", resolved: "✅", rejected: "❌" };

/** Formats a time for organisers in the organisation's time zone, e.g. 29.11.2026, 22:41. */
export function formatTime(at: number, timeZone: string, locale: Locale): string {
  return formatOf(timeZone, locale, true).format(new Date(at));
}

/** A day as residents read it, in `timeZone` (e.g. 29.11.2026). */
export function formatDay(at: number, timeZone: string, locale: Locale): string {
  return formatOf(timeZone, locale, false).format(new Date(at));
}

function formatOf(timeZone: string, locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${locale}|${withTime ? "time" : "day"}`;
  let format = TIME_FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "uk" ? "uk-UA" : "en-GB", { timeZone, dateStyle: "short", ...(withTime ? { timeStyle: "short" } : {}) });
    TIME_FORMATS.set(key, format);
  }
  return format;
}

/** Building a DateTimeFormat is costly; one per zone and language is enough. */
const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * What the organisers' card of a report says, in the organisers' language: reference, kind and
 * state, then category, place, text, contact (or "anonymous"), messenger, source and time.
 */
export function cardModel(report: Report, content: Content, locale: Locale, t: (key: string, args?: Record<string, string | number>) => string): CardModel {
  const fields: CardField[] = [];
  // Residents' single-line answers lose line breaks and bidi controls, so none can pose as another field.
  const add = (key: string, value: string | undefined) => {
    const shown = value === undefined ? "" : singleLine(value);
    if (shown !== "") fields.push({ label: t(key), value: shown });
  };
  const organisation = content.organisation;
  add("card-category", report.category ? optionLabel(organisation.complaintCategories, report.category, locale) : undefined);
  const place = report.settlementCode ? placeMatcherFor(content).byCode(report.settlementCode) : undefined;
  add("card-settlement", place ? placeLabel(place, t) : report.settlement);
  const text = report.text === undefined ? "" : safeMultiline(report.text);
  if (text !== "") fields.push({ label: t(report.kind === "question" ? "card-question" : "card-text"), value: text, long: true });
  if (report.kind === "volunteer") {
    add("card-name", report.contact?.name);
    add("card-phone", report.contact?.phone);
    add("card-ways", report.ways?.map((id) => optionLabel(organisation.waysToHelp, id, locale)).join(", "));
    add("card-availability", report.availability ? optionLabel(organisation.availability, report.availability, locale) : undefined);
  } else {
    const contact = report.contact?.phone ? [report.contact.phone, report.contact.name].filter(Boolean).join(", ") : t("card-anonymous");
    add("card-contact", report.forgotten ? t("card-forgotten-short") : contact);
  }
  if (report.followers && report.followers.length > 0) {
    const count = report.followers.length + 1;
    add("card-affected", t("card-affected-count", { count }));
    add("card-replies", report.replyAll === true ? t("card-replies-all", { count }) : t("card-replies-author"));
  }
  if (report.photos.length > 0) add("card-photos", String(report.photos.length));
  if (report.location) add("card-location", `${report.location.latitude.toFixed(5)}, ${report.location.longitude.toFixed(5)}`);
  add("card-messenger", report.channel === "telegram" ? "Telegram" : "Viber");
  add("card-source", report.source);
  add("card-time", formatTime(report.createdAt, organisation.timeZone, locale));
  const notes: string[] = [];
  if (report.revisions) notes.push(t("card-updated", { count: report.revisions }));
  const last = report.history.at(-1);
  if (last?.comment) notes.push(t("card-comment", { comment: last.comment }));
  if (report.forgotten) notes.push(t("card-forgotten"));
  return {
    header: `${STATUS_ICON[report.status]} ${report.ref} · ${t(`kind-${report.kind}`)} · ${t(`status-${report.status}`)}`,
    fields,
    notes,
  };
}

/** The card as plain text (simulator, Viber-side logs, tests). */
export function cardAsText(card: CardModel): string {
  return [card.header, ...card.fields.map((field) => `${field.label}: ${field.value}`), ...card.notes].join("\n");
}
