/**
 * `npm run eval`: measures programme search on the tune and holdout questions and prints a table
 * of top-1, top-3 and off-topic rejection per language and overall. `--misses` also lists what
 * went wrong, for the tune part only (the holdout is measured, never studied).
 */

import { loadContentForCli } from "../../src/cli.js";
import { createProgrammeSearch } from "../../src/core/programme/search.js";
import { evaluate, loadQuestions, type EvalFigures, type EvalSplit } from "./evaluate.js";

const content = loadContentForCli();
const search = createProgrammeSearch(content);
const showMisses = process.argv.includes("--misses");
const splits: EvalSplit[] = process.argv.includes("--tune-only") ? ["tune"] : ["tune", "holdout"];

const percent = (value: number | undefined): string => (value === undefined ? "—" : `${(value * 100).toFixed(1)}%`);
const cell = (text: string, width: number): string => text.padEnd(width);
const header = ["split", "language", "questions", "top-1", "top-3", "off-topic", "rejection"];
const widths = [9, 12, 11, 8, 8, 11, 10];
console.log(header.map((title, i) => cell(title, widths[i] ?? 8)).join(""));
for (const split of splits) {
  const report = evaluate(search, loadQuestions(split));
  const rows: [string, EvalFigures][] = [
    ["uk", report.byLanguage.uk],
    ["ru/surzhyk", report.byLanguage.ru],
    ["en", report.byLanguage.en],
    ["overall", report.byLanguage.all],
  ];
  for (const [label, figures] of rows) {
    const values = [split, label, String(figures.onTopic), percent(figures.top1), percent(figures.top3), String(figures.offTopic), percent(figures.rejection)];
    console.log(values.map((value, i) => cell(value, widths[i] ?? 8)).join(""));
  }
  if (showMisses && split === "tune") {
    for (const miss of report.misses)
      console.log(`  miss [${miss.question.lang}] ${miss.question.q} → expected ${miss.question.expect}, got ${miss.got.join(", ") || "none"}`);
  }
}
