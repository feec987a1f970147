/**
 * Viche's command line. `cli ask [--json] "<question>"` reads a question the way Viche reads a
 * resident's message (intents from faq.json first, then the programme search) and prints what
 * Viche would answer (with --json: one JSON object, `"intent": "<id>"` when an intent answers).
 * Content comes from locales/content, or from the directory in the CONTENT_DIR environment variable.
 */

import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { faqFill, organisationSchema } from "./core/content.js";
import { answerFreeText, type FreeTextAnswer } from "./core/intents/answer.js";
import { faqSchema, type Faq } from "./core/intents/faq.js";
import { createIntentMatcher, type IntentMatcher } from "./core/intents/matcher.js";
import { findItem, programmeSchema, type Programme } from "./core/programme/programme.js";
import { createProgrammeSearch, vocabularySchema, type ProgrammeSearch, type Vocabulary } from "./core/programme/search.js";

/** Programme files (every language), the topic vocabulary and the FAQ, as the CLI and the evaluation read them. */
export interface CliContent {
  readonly programmes: Programme[];
  readonly vocabulary: Vocabulary;
  readonly faq: Faq;
  /** What `{organisation}` and `{contacts}` in FAQ answers stand for. */
  readonly fill: ReturnType<typeof faqFill>;
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

/** Reads and validates programme.*.json, vocabulary.json, faq.json and organisation.json from `dir`; throws on invalid content. */
export function loadContentForCli(dir: string = contentDirForCli()): CliContent {
  const readJson = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));
  const programmes = readdirSync(dir)
    .filter((name) => /^programme\.[a-z]{2}\.json$/u.test(name))
    .sort()
    .map((name) => programmeSchema.parse(readJson(name)));
  const original = programmes.find((programme) => programme.language === "uk") ?? programmes[0];
  if (!original) throw new Error(`No programme.<language>.json in ${dir}`);
  const organisation = organisationSchema.parse(readJson("organisation.json"));
  return {
    programmes,
    vocabulary: vocabularySchema.parse(readJson("vocabulary.json")),
    faq: faqSchema.parse(readJson("faq.json")),
    fill: faqFill(organisation),
    original,
  };
}

/** The two readers of free text built from CLI content: the intents and the programme search. */
export interface CliReaders {
  readonly intents: IntentMatcher;
  readonly search: ProgrammeSearch;
}

/** Builds the intents and the programme search over `content`, as the bot does at start. */
export function createReadersForCli(content: CliContent): CliReaders {
  return { intents: createIntentMatcher(content.faq, content.fill), search: createProgrammeSearch(content) };
}

/** The JSON the CLI prints for a question: the intent (id and answer) or items with their section title and original text. */
export function describeResult(question: string, result: FreeTextAnswer, original: Programme): object {
  const round = (score: number): number => Math.round(score * 1000) / 1000;
  const intent = result.intent ? { intent: result.intent.id, answer: result.intent.answer.uk, buttons: result.intent.buttons } : {};
  return {
    question,
    ...intent,
    matches: result.matches.map((match) => {
      const found = findItem(original, match.id);
      return { id: match.id, section: found?.section.title ?? match.sectionId, item: found?.item.text ?? "", score: round(match.score) };
    }),
  };
}

function printReadable(result: FreeTextAnswer, original: Programme): void {
  const lines: string[] = [];
  if (result.intent) lines.push(`Intent ${result.intent.id}: ${result.intent.answer.uk}`);
  const [best, ...others] = result.matches;
  if (best) {
    const found = findItem(original, best.id);
    lines.push(`${found?.section.title ?? best.sectionId} — ${found?.item.title ?? best.id} (${best.score.toFixed(2)})`);
    lines.push(found?.item.text.trim() ?? "");
    for (const other of others) lines.push(`See also: ${findItem(original, other.id)?.item.title ?? other.id} (${other.score.toFixed(2)})`);
  } else if (!result.intent) {
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
  const { intents, search } = createReadersForCli(content);
  const result = answerFreeText(intents, search, question);
  if (json) console.log(JSON.stringify(describeResult(question, result, content.original)));
  else printReadable(result, content.original);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = runCli(process.argv.slice(2));
