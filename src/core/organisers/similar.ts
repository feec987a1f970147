import type { Storage } from "../../storage/storage.js";
import { analyse } from "../programme/analyse.js";
import type { Report, ReportRepository } from "../reports/reports.js";
import { isParty } from "../reports/reports.js";
import type { ResidentRef } from "../types.js";

/** Reports older than this are not offered for joining. */
export const JOIN_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** How similar two descriptions must be (shared words over the shorter text's words). */
const MIN_SIMILARITY = 0.5;

/**
 * Words every complaint about a place uses, which say nothing about which problem it is. They go
 * through the same analysis as descriptions, so every form of them is dropped.
 */
const PLACE_WORDS = new Set(analyse("вулиця вулиці вул село селі села місто місті міста біля near street village town"));

/**
 * The topic words of a description, stemmed by the programme search's analyser (look-alike
 * letters, apostrophes, uk/ru spellings and function words handled the same way), without the
 * words every complaint about a place shares.
 */
export function descriptionWords(text: string): Set<string> {
  return new Set(analyse(text).filter((stem) => !PLACE_WORDS.has(stem)));
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
  if (report.kind === "complaint" && report.category && report.settlement)
    await storage.indexAdd(placeIndex(report.category, report.settlement), report.ref, report.createdAt);
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
