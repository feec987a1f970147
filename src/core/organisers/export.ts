import { stringify } from "csv-stringify/sync";
import type { Content } from "../content.js";
import { optionLabel } from "../flows/flow.js";
import type { MessageArgs } from "../i18n.js";
import type { Report, ReportRepository } from "../reports/reports.js";
import type { Locale } from "../types.js";
import { reportsBetween } from "./scan.js";
import { firstResolvedAt } from "./stats.js";
import { placeResolver } from "../places/index.js";

/** Columns of the export, in order; headers come from `export-column-<id>` in the locale. */
export const EXPORT_COLUMNS = [
  "ref",
  "kind",
  "status",
  "created",
  "category",
  "settlement",
  "hromada",
  "raion",
  "settlement-code",
  "text",
  "name",
  "phone",
  "ways",
  "availability",
  "messenger",
  "source",
  "affected",
  "first-reply",
  "resolved",
  "photos",
] as const;

/** The CSV separator: Excel in Ukrainian (and most European) locales splits on ";" when opening a file. */
export const CSV_DELIMITER = ";";

type T = (key: string, args?: MessageArgs) => string;

/** Formats a time for a spreadsheet, in the organisation's zone: 2026-05-01 14:03. */
function sheetTime(at: number | undefined, timeZone: string): string {
  if (at === undefined) return "";
  return new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" }).format(new Date(at));
}

/**
 * Free text that a spreadsheet would run as a formula (=, +, -, @ at the start) gets a leading
 * apostrophe: a resident's words are never executed on an organiser's computer.
 */
export function defuse(text: string | undefined): string {
  if (!text) return "";
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One row per report (complaints, questions, sign-ups), header first. Personal data included. */
export function exportRows(reports: readonly Report[], content: Content, locale: Locale, t: T): string[][] {
  const organisation = content.organisation;
  const zone = organisation.timeZone;
  const resolve = placeResolver(content);
  const rows = reports.map((report) => {
    const place = resolve(report);
    return [
      report.ref,
      t(`kind-${report.kind}`),
      t(`status-${report.status}`),
      sheetTime(report.createdAt, zone),
      report.category ? optionLabel(organisation.complaintCategories, report.category, locale) : "",
      defuse(report.settlement),
      place?.hromada.name ?? "",
      place?.raion.name ?? "",
      place?.code ?? "",
      defuse(report.text),
      defuse(report.contact?.name),
      report.contact?.phone ?? "",
      (report.ways ?? []).map((id) => optionLabel(organisation.waysToHelp, id, locale)).join(", "),
      report.availability ? optionLabel(organisation.availability, report.availability, locale) : "",
      report.channel === "telegram" ? "Telegram" : "Viber",
      report.source ?? "",
      String(1 + (report.followers?.length ?? 0)),
      sheetTime(report.firstReplyAt, zone),
      sheetTime(firstResolvedAt(report), zone),
      String(report.photos.length),
    ];
  });
  return [EXPORT_COLUMNS.map((column) => t(`export-column-${column}`)), ...rows];
}

/**
 * Rows as CSV that Excel opens correctly: UTF-8 with a byte order mark (so Cyrillic is read as
 * such), ";" between fields, CRLF line ends, fields quoted whenever they hold a separator, a quote
 * or a line break.
 */
export function toCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(stringify(rows as string[][], { bom: true, delimiter: CSV_DELIMITER, record_delimiter: "windows" }), "utf8");
}

/** The export of a period as a CSV file, and how many reports it holds. */
export async function exportCsv(
  reports: ReportRepository,
  from: number,
  to: number,
  content: Content,
  locale: Locale,
  t: T,
): Promise<{ csv: Buffer; rows: number }> {
  const selected = await reportsBetween(reports, from, to);
  return { csv: toCsv(exportRows(selected, content, locale, t)), rows: selected.length };
}
