/**
 * `npm run eval`: measures how Viche reads free text (intents from faq.json first, then the
 * programme search) on the tune set and both held-out sets, and prints per language and overall:
 * top-1 and top-3 on programme questions, rejection of off-topic ones, intents routed right, and
 * off-topic and meta questions not misread as a programme item. `--misses` also lists what went
 * wrong, for the tune part only (the held-out sets are measured, never studied).
 */

import { createReadersForCli, loadContentForCli } from "../../src/cli.js";
import { answerFreeText } from "../../src/core/intents/answer.js";
import { EVAL_SPLITS, evaluate, loadQuestions, type EvalAnswer, type EvalFigures } from "./evaluate.js";

const { intents, search } = createReadersForCli(loadContentForCli());
const answer = (question: string): EvalAnswer => {
  const result = answerFreeText(intents, search, question);
  return { intent: result.intent?.id, matches: result.matches.map((match) => match.id) };
};
const showMisses = process.argv.includes("--misses");
const splits = process.argv.includes("--tune-only") ? (["tune"] as const) : EVAL_SPLITS;

const percent = (value: number | undefined): string => (value === undefined ? "—" : `${(value * 100).toFixed(1)}%`);
const cell = (text: string, width: number): string => text.padEnd(width);
const header = ["split", "language", "questions", "top-1", "top-3", "off-topic", "rejection", "meta", "intents", "not misread"];
const widths = [15, 12, 11, 8, 8, 11, 11, 6, 9, 12];
console.log(header.map((title, i) => cell(title, widths[i] ?? 8)).join(""));
for (const split of splits) {
  const report = evaluate(answer, loadQuestions(split));
  const rows: [string, EvalFigures][] = [
    ["uk", report.byLanguage.uk],
    ["ru/surzhyk", report.byLanguage.ru],
    ["en", report.byLanguage.en],
    ["overall", report.byLanguage.all],
  ];
  for (const [label, f] of rows) {
    const values = [
      split,
      label,
      String(f.onTopic),
      percent(f.top1),
      percent(f.top3),
      String(f.offTopic),
      percent(f.rejection),
      String(f.meta),
      percent(f.intents),
      percent(f.notMisread),
    ];
    console.log(values.map((value, i) => cell(value, widths[i] ?? 8)).join(""));
  }
  if (showMisses && split === "tune") {
    for (const miss of report.misses) {
      const expected = miss.question.intent ? `intent ${miss.question.intent}` : miss.question.expect.join("|") || "none";
      const got = miss.got.intent ? `intent ${miss.got.intent}` : miss.got.matches.join(", ") || "none";
      console.log(`  miss [${miss.question.lang}] ${miss.question.q} → expected ${expected}, got ${got}`);
    }
  }
}
