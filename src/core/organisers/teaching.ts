import type { Logger } from "pino";
import type { LearnedAnswers } from "../programme/learned.js";
import type { ReportRepository } from "../reports/reports.js";

/** What teaching needs. */
export interface TeachOptions {
  readonly reports: ReportRepository;
  readonly learned: LearnedAnswers;
  readonly logger: Logger;
  readonly now: () => number;
}

/** How teaching went. */
export type TeachOutcome = "taught" | "unknown-ref" | "not-a-question" | "no-reply" | "unknown-item";

/**
 * Teaches the bot from a question that reached the organisers: with `itemId`, the question's words
 * join that programme item's vocabulary; without, the organisers' reply becomes the answer to it.
 */
export async function teach(options: TeachOptions, ref: string, itemId?: string): Promise<TeachOutcome> {
  const report = await options.reports.get(ref);
  if (!report) return "unknown-ref";
  if (report.kind !== "question" || !report.text) return "not-a-question";
  if (itemId) return (await options.learned.teachPhrase(ref, itemId, report.text, options.now())) ? "taught" : "unknown-item";
  if (!report.lastReply) return "no-reply";
  await options.learned.teachAnswer(ref, report.text, report.lastReply, options.now());
  options.logger.info({ ref }, "answer taught");
  return "taught";
}
