import { describe, expect, it } from "vitest";
import { createReadersForCli, loadContentForCli } from "../../src/cli.js";
import { answerFreeText } from "../../src/core/intents/answer.js";
import { EVAL_SPLITS, evaluate, loadQuestions, type EvalAnswer, type EvalFigures, type EvalSplit } from "./evaluate.js";

type Measure = "top1" | "top3" | "rejection" | "intents" | "notMisread";

/**
 * Floors a little below the figures measured when the search was written (holdout: top-1 0.963,
 * top-3 0.981, rejection 1.0; uk 0.932, ru 1.0, en 1.0 top-1). A change that loses quality fails
 * here; one that gains it should raise the floors.
 */
const FLOORS: Record<EvalSplit, Record<"uk" | "ru" | "en" | "all", Partial<Record<Measure, number>>>> = {
  /**
   * The fresh set (written before reading the vocabulary), measured before intents and senses:
   * top-1 0.908, rejection 0.50, meta and off-topic not misread 0.655; after: 0.969, 0.808, 0.929
   * (intents routed right 0.983). Its Russian and English parts are small, so only overall and uk have floors.
   */
  "holdout-fresh": {
    all: { top1: 0.94, top3: 0.95, rejection: 0.75, intents: 0.95, notMisread: 0.9 },
    uk: { top1: 0.94, intents: 0.95, notMisread: 0.9 },
    ru: {},
    en: {},
  },
  holdout: {
    all: { top1: 0.93, top3: 0.96, rejection: 0.95 },
    uk: { top1: 0.89, top3: 0.93 },
    ru: { top1: 0.96, top3: 0.96 },
    en: { top1: 0.94, top3: 0.94 },
  },
  tune: {
    all: { top1: 0.93, top3: 0.96, rejection: 0.95 },
    uk: { top1: 0.9, top3: 0.95 },
    ru: { top1: 0.96, top3: 0.96 },
    en: { top1: 0.94, top3: 0.94 },
  },
};

const { intents, search } = createReadersForCli(loadContentForCli());
const answer = (question: string): EvalAnswer => {
  const result = answerFreeText(intents, search, question);
  return { intent: result.intent?.id, matches: result.matches.map((match) => match.id) };
};

describe.each(EVAL_SPLITS)("free-text answers on %s questions", (split) => {
  const report = evaluate(answer, loadQuestions(split));
  it.each(["all", "uk", "ru", "en"] as const)("%s stays above its floors", (language) => {
    const figures: EvalFigures = report.byLanguage[language];
    for (const [measure, floor] of Object.entries(FLOORS[split][language])) {
      expect(figures[measure as Measure], `${split} ${language} ${measure}`).toBeGreaterThanOrEqual(floor);
    }
  });
});

describe("evaluation set", () => {
  it("has at least 240 questions in the proportions the issue asks for", () => {
    const all = [...loadQuestions("tune"), ...loadQuestions("holdout")];
    const share = (test: (lang: string, expected: readonly string[]) => boolean): number =>
      all.filter((question) => test(question.lang, question.expect)).length / all.length;
    expect(all.length).toBeGreaterThanOrEqual(240);
    expect(share((_, expected) => expected.length === 0)).toBeGreaterThanOrEqual(0.15);
    expect(share((lang) => lang === "uk")).toBeGreaterThanOrEqual(0.45);
    expect(share((lang) => lang === "ru")).toBeGreaterThanOrEqual(0.2);
    expect(share((lang) => lang === "en")).toBeGreaterThanOrEqual(0.12);
  });

  it("expects only items and intents that exist", () => {
    const { original, faq } = loadContentForCli();
    const ids = new Set(original.sections.flatMap((section) => section.items.map((item) => item.id)));
    const intentIds = new Set(faq.intents.map((intent) => intent.id));
    for (const question of [...loadQuestions("tune"), ...loadQuestions("holdout"), ...loadQuestions("holdout-fresh")]) {
      for (const id of question.expect) expect(ids.has(id), id).toBe(true);
      if (question.intent !== undefined) expect(intentIds.has(question.intent), question.intent).toBe(true);
    }
  });

  it("never repeats a holdout question in the tune part (the fresh set, written apart, may share a greeting)", () => {
    const tune = new Set(loadQuestions("tune").map((question) => question.q.toLowerCase()));
    const fresh = loadQuestions("holdout-fresh").filter((question) => question.intent === undefined);
    for (const question of [...loadQuestions("holdout"), ...fresh]) expect(tune.has(question.q.toLowerCase()), question.q).toBe(false);
  });
});
