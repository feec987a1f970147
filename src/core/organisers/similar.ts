import type { Storage } from "../../storage/storage.js";
import type { Report, ReportRepository } from "../reports/reports.js";
import { isParty } from "../reports/reports.js";
import type { ResidentRef } from "../types.js";

/** Reports older than this are not offered for joining. */
export const JOIN_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** How similar two descriptions must be (shared words over the shorter text's words). */
const MIN_SIMILARITY = 0.5;

/** Words too common to say two problems are the same. */
const COMMON = new Set([
  "але", "або", "біля", "вже", "від", "для", "дуже", "його", "їх", "коли", "котрий", "які", "який", "яка", "яке", "між", "нам", "нас",
  "над", "наш", "наша", "наше", "немає", "нема", "під", "при", "про", "після", "так", "там", "тут", "уже", "цей", "цього", "через",
  "що", "щоб", "як", "ще", "все", "всі", "вона", "вони", "він", "воно", "вул", "вулиці", "село", "селі", "місто", "місті",
  "the", "and", "for", "with", "not", "this", "that", "there", "our", "are", "was", "has", "have", "near", "street", "village",
]);

/**
 * The words of a description, reduced so that inflected forms match ("ліхтарі", "ліхтарів" →
 * "ліхта"): lower case, letters and digits only, at least three long, common words dropped, cut to
 * five characters. Crude, but Ukrainian endings are short and the rest of the match (same place,
 * same category) is strict.
 */
export function descriptionWords(text: string): Set<string> {
  const words = text.toLowerCase().normalize("NFC").split(/[^\p{L}\p{N}'’ʼ]+/u);
  const out = new Set<string>();
  for (const raw of words) {
    const word = raw.replace(/['’ʼ]/g, "");
    if (word.length < 3 || COMMON.has(word)) continue;
    out.add(word.slice(0, 5));
  }
  return out;
}

/** Shared words over the shorter description's words, 0..1 (0 when either has no words). */
export function similarity(a: string, b: string): number {
  const left = descriptionWords(a);
  const right = descriptionWords(b);
  const smaller = Math.min(left.size, right.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  if (shared < Math.min(2, smaller)) return 0;
  return shared / smaller;
}

/** A settlement as typed, reduced for comparison ("  м. Коростишів " ≈ "коростишів"). */
export function settlementKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(м|с|смт|селище|село|місто)\.?\s+/u, "")
    .replace(/[’ʼ`]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The index of complaints about one category in one place, so finding similar ones reads only those. */
export function placeIndex(category: string, settlement: string): string {
  return `complaints-at:${category}:${settlementKey(settlement)}`;
}

/** Indexes a new complaint by category and place (see {@link findSimilarComplaint}). */
export async function indexComplaint(storage: Storage, report: Report): Promise<void> {
  if (report.kind === "complaint" && report.category && report.settlement) await storage.indexAdd(placeIndex(report.category, report.settlement), report.ref, report.createdAt);
}

/** What a resident is about to report. */
export interface ComplaintDraft {
  readonly category: string;
  readonly settlement: string;
  readonly text: string;
  readonly resident: ResidentRef;
}

/**
 * An open complaint from the last 30 days about the same category in the same settlement whose text
 * is similar, that this resident neither filed nor joined: the one to offer joining. The most
 * similar wins; among equals, the most recent. With `storage`, only the complaints indexed for that
 * category and place are read (see {@link indexComplaint}); without it, every report of the window.
 */
export async function findSimilarComplaint(reports: ReportRepository, draft: ComplaintDraft, now: number, storage?: Storage): Promise<Report | undefined> {
  const place = settlementKey(draft.settlement);
  const refs = storage
    ? await storage.indexRange(placeIndex(draft.category, draft.settlement), now - JOIN_WINDOW_MS, now)
    : await reports.refsBetween(now - JOIN_WINDOW_MS, now);
  let best: { report: Report; score: number } | undefined;
  for (const ref of refs) {
    const report = await reports.get(ref);
    if (!report || report.kind !== "complaint" || report.category !== draft.category) continue;
    if (report.status !== "new" && report.status !== "in_progress") continue;
    if (!report.settlement || settlementKey(report.settlement) !== place || isParty(report, draft.resident)) continue;
    const score = similarity(report.text ?? "", draft.text);
    if (score >= MIN_SIMILARITY && (!best || score >= best.score)) best = { report, score };
  }
  return best?.report;
}
