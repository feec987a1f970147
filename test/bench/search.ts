/**
 * Scenario 3, answer cost: questions per second and latency percentiles of the programme search
 * (createProgrammeSearch over the content loadContent reads), for the bundled content and for a
 * content 50 times larger: 50 copies of the programme with distinct ids, perturbed texts and
 * vocabularies (so the dictionary grows too, not just the item count).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent, type Content } from "../../src/core/content.js";
import type { Programme } from "../../src/core/programme/programme.js";
import { createProgrammeSearch } from "../../src/core/programme/search.js";
import { percentiles, type Latencies } from "./load.js";
import { random, residentQuestions } from "./workload.js";

const CONTENT_DIR = fileURLToPath(new URL("../../locales/content", import.meta.url));

/** What one content size measured. */
export interface SearchRun {
  readonly label: string;
  readonly items: number;
  /** Distinct words (stems) the index knows, approximated by distinct words in texts and vocabulary. */
  readonly distinctWords: number;
  readonly buildMs: number;
  readonly heapMb: number;
  readonly questions: number;
  readonly questionsPerSecond: number;
  /** Per question, in milliseconds. */
  readonly latencies: Latencies;
  /** Questions that found an item (a sanity count: the same questions find something in both). */
  readonly answered: number;
}

function syllableWord(rand: () => number): string {
  const consonants = "бвгдзклмнпрстхчшж";
  const vowels = "аеиоуяію";
  const syllables = 2 + Math.floor(rand() * 3);
  let word = "";
  for (let i = 0; i < syllables; i += 1)
    word += (consonants[Math.floor(rand() * consonants.length)] ?? "б") + (vowels[Math.floor(rand() * vowels.length)] ?? "а");
  return word;
}

/** Replaces some words with words of the copy's own invented vocabulary and adds a few typos. */
function perturb(text: string, rand: () => number, words: readonly string[], share: number): string {
  return text
    .split(/(\s+)/)
    .map((token) => {
      if (/^\s+$/.test(token) || token.length < 4) return token;
      const roll = rand();
      if (roll < share) return words[Math.floor(rand() * words.length)] ?? token;
      if (roll < share + 0.05) {
        const at = 1 + Math.floor(rand() * (token.length - 2));
        return token.slice(0, at) + token.slice(at + 1);
      }
      return token;
    })
    .join("");
}

/** Writes a content folder with `copies` copies of the bundled programme (copy 0 is the original). */
export function generateLargeContent(copies: number, seed = 3): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-content-"));
  const rand = random(seed);
  copyFileSync(join(CONTENT_DIR, "organisation.json"), join(dir, "organisation.json"));
  // The FAQ (intents) and the gazetteer are content too; the 50× programme keeps the bundled ones.
  copyFileSync(join(CONTENT_DIR, "faq.json"), join(dir, "faq.json"));
  for (const file of ["places.json", "place-renamings.json"]) copyFileSync(join(CONTENT_DIR, file), join(dir, file));
  const vocabulary = JSON.parse(readFileSync(join(CONTENT_DIR, "vocabulary.json"), "utf8")) as Record<string, { uk: string[]; ru: string[]; en: string[] }>;
  const copyWords = Array.from({ length: copies }, () => Array.from({ length: 120 }, () => syllableWord(rand)));
  const suffix = (copy: number) => (copy === 0 ? "" : `-c${copy}`);
  const itemId = (id: string, copy: number) => {
    if (copy === 0) return id;
    const [section, ...rest] = id.split(".");
    return [`${section}${suffix(copy)}`, ...rest].join(".");
  };
  for (const locale of ["uk", "en"]) {
    const programme = JSON.parse(readFileSync(join(CONTENT_DIR, `programme.${locale}.json`), "utf8")) as Programme;
    const sections: Programme["sections"] = [];
    for (let copy = 0; copy < copies; copy += 1) {
      const words = copyWords[copy] ?? [];
      // The same random stream per copy in both languages would be nicer, but ids are what must match.
      for (const section of programme.sections) {
        sections.push({
          id: `${section.id}${suffix(copy)}`,
          title: copy === 0 ? section.title : `${perturb(section.title, rand, words, 0.2)} ${words[0] ?? ""}`.slice(0, 120),
          items: section.items.map((item) => ({
            id: itemId(item.id, copy),
            title: copy === 0 ? item.title : perturb(item.title, rand, words, 0.2).slice(0, 60),
            text: copy === 0 ? item.text : perturb(item.text, rand, words, 0.25).slice(0, 3500),
          })),
        });
      }
    }
    writeFileSync(join(dir, `programme.${locale}.json`), JSON.stringify({ ...programme, sections }));
  }
  const large: Record<string, { uk: string[]; ru: string[]; en: string[] }> = {};
  for (let copy = 0; copy < copies; copy += 1) {
    const words = copyWords[copy] ?? [];
    for (const [id, topic] of Object.entries(vocabulary)) {
      const change = (phrases: string[]) => (copy === 0 ? phrases : phrases.map((phrase) => perturb(phrase, rand, words, 0.3)));
      large[itemId(id, copy)] = { uk: change(topic.uk), ru: change(topic.ru), en: change(topic.en) };
    }
  }
  writeFileSync(join(dir, "vocabulary.json"), JSON.stringify(large));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function distinctWords(content: Content): number {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}'’]+/u)) if (word) words.add(word);
  };
  for (const programme of Object.values(content.programmes))
    for (const section of programme.sections) for (const item of section.items) add(`${item.title} ${item.text}`);
  for (const topic of Object.values(content.vocabulary)) for (const phrase of [...topic.uk, ...topic.ru, ...topic.en]) add(phrase);
  return words.size;
}

/** Builds the search over the content in `dir` and asks every resident question `passes` times. */
export function searchRun(label: string, dir: string, passes: number, questions = residentQuestions()): SearchRun {
  const content = loadContent(dir);
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });
  const buildMs = performance.now() - started;
  const heapMb = Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  for (const question of questions) search.ask(question); // warm-up
  const times: number[] = [];
  let answered = 0;
  const runStarted = performance.now();
  for (let pass = 0; pass < passes; pass += 1) {
    for (const question of questions) {
      const at = performance.now();
      const result = search.ask(question);
      times.push(performance.now() - at);
      if (pass === 0 && result.matches.length > 0) answered += 1;
    }
  }
  const total = performance.now() - runStarted;
  return {
    label,
    items: content.programmes.uk.sections.reduce((sum, section) => sum + section.items.length, 0),
    distinctWords: distinctWords(content),
    buildMs,
    heapMb: Math.round(heapMb * 10) / 10,
    questions: times.length,
    questionsPerSecond: times.length / (total / 1000),
    latencies: percentiles(times),
    answered,
  };
}

/** The bundled content and a 50× one, side by side. */
export function searchScenario(quick: boolean, copies = 50): SearchRun[] {
  const passes = quick ? 5 : 20;
  const small = searchRun("bundled programme", CONTENT_DIR, passes);
  const large = generateLargeContent(copies);
  try {
    return [small, searchRun(`${copies}× programme`, large.dir, Math.max(2, Math.floor(passes / 2)))];
  } finally {
    large.remove();
  }
}
