/**
 * The evaluation of programme search: residents' questions with the item each should find (or
 * "none"), and the figures the issue asks for (top-1, top-3, off-topic rejection) per language.
 */

import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ProgrammeSearch } from "../../src/core/programme/search.js";

/** The languages questions are tagged with; "ru" covers Russian and surzhyk. */
export const EVAL_LANGUAGES = ["uk", "ru", "en"] as const;

/** One evaluation question: what a resident wrote, the item id it should find or "none", its language. */
const questionSchema = z.object({ q: z.string().min(1), expect: z.string().min(1), lang: z.enum(EVAL_LANGUAGES) }).strict();

/** One evaluation question. */
export type EvalQuestion = z.infer<typeof questionSchema>;

/** The two parts of the set: `tune` may be looked at while tuning, `holdout` only measured. */
export type EvalSplit = "tune" | "holdout";

/** Reads test/eval/<split>.json. */
export function loadQuestions(split: EvalSplit): EvalQuestion[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`./${split}.json`, import.meta.url), "utf8"));
  return z.array(questionSchema).parse(raw);
}

/** Figures for a group of questions; rates are undefined when the group has no such question. */
export interface EvalFigures {
  /** Questions that expect an item. */
  onTopic: number;
  top1: number | undefined;
  top3: number | undefined;
  /** Questions that expect "none". */
  offTopic: number;
  rejection: number | undefined;
}

/** One question that went wrong, for the report. */
export interface EvalMiss {
  question: EvalQuestion;
  got: string[];
}

/** Figures per language and overall, with the misses. */
export interface EvalReport {
  byLanguage: Record<(typeof EVAL_LANGUAGES)[number] | "all", EvalFigures>;
  misses: EvalMiss[];
}

/** Asks every question and tallies top-1, top-3 and rejection per language and overall. */
export function evaluate(search: ProgrammeSearch, questions: EvalQuestion[]): EvalReport {
  const groups = ["uk", "ru", "en", "all"] as const;
  const counts = Object.fromEntries(groups.map((group) => [group, { on: 0, top1: 0, top3: 0, off: 0, rejected: 0 }]));
  const misses: EvalMiss[] = [];
  for (const question of questions) {
    const got = search.ask(question.q).matches.map((match) => match.id);
    for (const group of [question.lang, "all"] as const) {
      const tally = counts[group];
      if (!tally) continue;
      if (question.expect === "none") {
        tally.off += 1;
        if (got.length === 0) tally.rejected += 1;
      } else {
        tally.on += 1;
        if (got[0] === question.expect) tally.top1 += 1;
        if (got.slice(0, 3).includes(question.expect)) tally.top3 += 1;
      }
    }
    const ok = question.expect === "none" ? got.length === 0 : got[0] === question.expect;
    if (!ok) misses.push({ question, got });
  }
  const rate = (hits: number, total: number): number | undefined => (total > 0 ? hits / total : undefined);
  const byLanguage = Object.fromEntries(
    groups.map((group) => {
      const tally = counts[group] ?? { on: 0, top1: 0, top3: 0, off: 0, rejected: 0 };
      const figures: EvalFigures = {
        onTopic: tally.on,
        top1: rate(tally.top1, tally.on),
        top3: rate(tally.top3, tally.on),
        offTopic: tally.off,
        rejection: rate(tally.rejected, tally.off),
      };
      return [group, figures];
    }),
  ) as EvalReport["byLanguage"];
  return { byLanguage, misses };
}
