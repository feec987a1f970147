/**
 * Viche's command line. `cli ask [--json] "<question>"` asks the programme search the way a
 * resident would and prints what Viche would answer (with --json: one JSON object). Content comes
 * from locales/content, or from the directory in the CONTENT_DIR environment variable.
 */

import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findItem, programmeSchema, type Programme } from "./core/programme/programme.js";
import { createProgrammeSearch, vocabularySchema, type SearchResult, type Vocabulary } from "./core/programme/search.js";

/** Programme files (every language) and the topic vocabulary, as the CLI and the evaluation read them. */
export interface CliContent {
  readonly programmes: Programme[];
  readonly vocabulary: Vocabulary;
  /** The original (Ukrainian) programme, whose texts are quoted in answers. */
  readonly original: Programme;
}

const USAGE = 'usage: cli ask [--json] "<question>"';

/** The content directory: CONTENT_DIR when set, otherwise locales/content of this checkout. */
export function contentDirForCli(): string {
  const fromEnv = process.env["CONTENT_DIR"];
  if (fromEnv && fromEnv.length > 0) return resolve(fromEnv);
  return fileURLToPath(new URL("../locales/content", import.meta.url));
}

/** Reads and validates programme.*.json and vocabulary.json from `dir`; throws on invalid content. */
export function loadContentForCli(dir: string = contentDirForCli()): CliContent {
  const readJson = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));
  const programmes = readdirSync(dir)
    .filter((name) => /^programme\.[a-z]{2}\.json$/u.test(name))
    .sort()
    .map((name) => programmeSchema.parse(readJson(name)));
  const original = programmes.find((programme) => programme.language === "uk") ?? programmes[0];
  if (!original) throw new Error(`No programme.<language>.json in ${dir}`);
  return { programmes, vocabulary: vocabularySchema.parse(readJson("vocabulary.json")), original };
}

/** The JSON the CLI prints for a question: items with their section title and original text. */
export function describeResult(question: string, result: SearchResult, original: Programme): object {
  const round = (score: number): number => Math.round(score * 1000) / 1000;
  return {
    question,
    matches: result.matches.map((match) => {
      const found = findItem(original, match.id);
      return { id: match.id, section: found?.section.title ?? match.sectionId, item: found?.item.text ?? "", score: round(match.score) };
    }),
    answers: result.answers.map((answer) => ({ ...answer, score: round(answer.score) })),
  };
}

function printReadable(result: SearchResult, original: Programme): void {
  const lines: string[] = [];
  for (const answer of result.answers) lines.push(`Organisers' answer (${answer.score.toFixed(2)}): ${answer.answer}`);
  const [best, ...others] = result.matches;
  if (best) {
    const found = findItem(original, best.id);
    lines.push(`${found?.section.title ?? best.sectionId} — ${found?.item.title ?? best.id} (${best.score.toFixed(2)})`);
    lines.push(found?.item.text.trim() ?? "");
    for (const other of others) lines.push(`See also: ${findItem(original, other.id)?.item.title ?? other.id} (${other.score.toFixed(2)})`);
  } else if (result.answers.length === 0) {
    lines.push("I don't know. Shall I pass your question to the organisers?");
  }
  console.log(lines.join("\n"));
}

/** Runs the CLI with `args` (without node and script); returns the exit code (2 for bad usage, 1 for bad content). */
export function runCli(args: string[]): number {
  const [command, ...rest] = args;
  if (command !== "ask") {
    console.error(USAGE);
    return 2;
  }
  const json = rest.includes("--json");
  const question = rest
    .filter((arg) => arg !== "--json")
    .join(" ")
    .trim();
  if (question.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let content: CliContent;
  try {
    content = loadContentForCli();
  } catch (error) {
    console.error(`cli: cannot load content from ${contentDirForCli()}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return 1;
  }
  const result = createProgrammeSearch(content).ask(question);
  if (json) console.log(JSON.stringify(describeResult(question, result, content.original)));
  else printReadable(result, content.original);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = runCli(process.argv.slice(2));
