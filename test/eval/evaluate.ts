/**
 * The evaluation of free-text answers: residents' questions with the programme item(s) or the
 * intent each should find (or "none"), and the figures the issues ask for (top-1, top-3, off-topic
 * rejection, intents routed) per language. Two held-out sets are measured: `holdout` (written with
 * the vocabulary at hand) and `holdout-fresh` (written before reading the vocabulary or the search).
 */

import { readFileSync } from "node:fs";
import { z } from "zod";

/** The languages questions are tagged with; "ru" covers Russian and surzhyk. */
export const EVAL_LANGUAGES = ["uk", "ru", "en"] as const;

const lang = z.enum(EVAL_LANGUAGES);
/** One question of the first set: what a resident wrote, the item id it should find or "none", its language. */
const questionSchema = z.object({ q: z.string().min(1), expect: z.string().min(1), lang }).strict();
/** One question of the fresh set: item ids any of which is a right first answer, "none", or an intent. */
const freshQuestionSchema = z.union([
  z.object({ q: z.string().min(1), lang, expect: z.union([z.literal("none"), z.array(z.string().min(1)).min(1)]) }).strict(),
  z.object({ q: z.string().min(1), lang, intent: z.string().min(1) }).strict(),
]);

/**
 * One evaluation question: `expect` lists the right first answers (empty: no programme item should
 * answer); `intent` when an intent should. The first set predates intents and labels greetings and
 * questions about the bot "none": there `intentsUnlabelled` counts any intent as not misreading it.
 */
export interface EvalQuestion {
  readonly q: string;
  readonly lang: (typeof EVAL_LANGUAGES)[number];
  readonly expect: readonly string[];
  readonly intent?: string;
  readonly intentsUnlabelled?: boolean;
}

/** The parts of the sets: `tune` may be looked at while tuning, the holdouts only measured. */
export const EVAL_SPLITS = ["tune", "holdout", "holdout-fresh"] as const;
/** One part of the evaluation sets. */
export type EvalSplit = (typeof EVAL_SPLITS)[number];

/** Reads test/eval/<split>.json into one shape. */
export function loadQuestions(split: EvalSplit): EvalQuestion[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`./${split}.json`, import.meta.url), "utf8"));
  if (split !== "holdout-fresh") {
    return z
      .array(questionSchema)
      .parse(raw)
      .map((question) => ({ q: question.q, lang: question.lang, expect: question.expect === "none" ? [] : [question.expect], intentsUnlabelled: true }));
  }
  return z
    .array(freshQuestionSchema)
    .parse(raw)
    .map((question) =>
      "intent" in question
        ? { q: question.q, lang: question.lang, expect: [], intent: question.intent }
        : { q: question.q, lang: question.lang, expect: question.expect === "none" ? [] : question.expect },
    );
}

/** What Viche answers a question with: an intent, or programme items best first (empty for neither). */
export interface EvalAnswer {
  readonly intent?: string | undefined;
  readonly matches: readonly string[];
}

/** Figures for a group of questions; rates are undefined when the group has no such question. */
export interface EvalFigures {
  /** Questions that expect an item. */
  onTopic: number;
  top1: number | undefined;
  top3: number | undefined;
  /** Questions that expect nothing at all. */
  offTopic: number;
  /** Share of those given neither an item nor an intent. */
  rejection: number | undefined;
  /** Questions that expect an intent. */
  meta: number;
  /** Share of those routed to the right intent. */
  intents: number | undefined;
  /** Share of off-topic and meta questions given no programme item and no wrong intent. */
  notMisread: number | undefined;
}

/** One question that went wrong, for the report. */
export interface EvalMiss {
  question: EvalQuestion;
  got: EvalAnswer;
}

/** Figures per language and overall, with the misses. */
export interface EvalReport {
  byLanguage: Record<(typeof EVAL_LANGUAGES)[number] | "all", EvalFigures>;
  misses: EvalMiss[];
}

interface Tally {
  on: number;
  top1: number;
  top3: number;
  off: number;
  rejected: number;
  meta: number;
  routed: number;
  notMisread: number;
}

const emptyTally = (): Tally => ({ on: 0, top1: 0, top3: 0, off: 0, rejected: 0, meta: 0, routed: 0, notMisread: 0 });

/** Whether `got` is the right answer to `question` (the first item, the intent, or nothing). */
export function isRight(question: EvalQuestion, got: EvalAnswer): boolean {
  if (question.intent !== undefined) return got.intent === question.intent;
  if (question.expect.length === 0) return (question.intentsUnlabelled === true || got.intent === undefined) && got.matches.length === 0;
  return got.intent === undefined && question.expect.includes(got.matches[0] ?? "");
}

/** Asks every question and tallies top-1, top-3, rejection and intents per language and overall. */
export function evaluate(answer: (question: string) => EvalAnswer, questions: EvalQuestion[]): EvalReport {
  const groups = ["uk", "ru", "en", "all"] as const;
  const counts = Object.fromEntries(groups.map((group) => [group, emptyTally()])) as Record<(typeof groups)[number], Tally>;
  const misses: EvalMiss[] = [];
  for (const question of questions) {
    const got = answer(question.q);
    const items = got.intent === undefined ? got.matches : [];
    const right = isRight(question, got);
    for (const tally of [counts[question.lang], counts.all]) {
      if (question.intent !== undefined) {
        tally.meta += 1;
        if (right) tally.routed += 1;
        if (items.length === 0 && (got.intent === undefined || right)) tally.notMisread += 1;
      } else if (question.expect.length === 0) {
        tally.off += 1;
        if (right) tally.rejected += 1;
        if (right) tally.notMisread += 1;
      } else {
        tally.on += 1;
        if (right) tally.top1 += 1;
        if (items.slice(0, 3).some((id) => question.expect.includes(id))) tally.top3 += 1;
      }
    }
    if (!right) misses.push({ question, got });
  }
  const rate = (hits: number, total: number): number | undefined => (total > 0 ? hits / total : undefined);
  const byLanguage = Object.fromEntries(
    groups.map((group) => {
      const tally = counts[group];
      const figures: EvalFigures = {
        onTopic: tally.on,
        top1: rate(tally.top1, tally.on),
        top3: rate(tally.top3, tally.on),
        offTopic: tally.off,
        rejection: rate(tally.rejected, tally.off),
        meta: tally.meta,
        intents: rate(tally.routed, tally.meta),
        notMisread: rate(tally.notMisread, tally.off + tally.meta),
      };
      return [group, figures];
    }),
  ) as EvalReport["byLanguage"];
  return { byLanguage, misses };
}
