/**
 * Recognises what a resident's message asks of the bot itself, before any programme search: the
 * organisation's FAQ and small talk (content: faq.json) and the answers organisers taught
 * (src/core/programme/learned.ts). A FAQ phrasing matches when every one of its words is in the
 * message (forgiving endings, one typing error in a long word, Ukrainian typed in Latin letters);
 * the longest matching phrasing wins. A taught answer matches a message that shares most of its
 * topic words with the question it was taught for.
 */

import { analyse, stemToken, tokenise } from "../programme/analyse.js";
import { editDistance } from "../programme/term-index.js";
import { cyrillicReading } from "../programme/transliterate.js";
import type { Locale } from "../types.js";
import type { Faq, IntentButton } from "./faq.js";

/** What a message was recognised as: an intent's (or a taught) answer, with the buttons to show under it. */
export interface IntentMatch {
  /** The intent's id from faq.json, or the id of a taught answer (the report it was taught from). */
  readonly id: string;
  /** True for a taught answer, false for a faq.json intent. */
  readonly taught: boolean;
  /** Gives way to the programme when the rest of the message is about a topic (see faq.ts). */
  readonly yieldsToProgramme: boolean;
  readonly answer: Readonly<Record<Locale, string>>;
  readonly buttons: readonly IntentButton[];
}

/** An intent a message was recognised as, with the message's words its phrasing did not cover. */
export interface IntentFound {
  readonly intent: IntentMatch;
  /** The other words of the message (for an intent that gives way to the programme); empty for a taught answer. */
  readonly rest: string;
}

/** The intents of one organisation, which organisers can extend at run time. */
export interface IntentMatcher {
  /** The intent a message stands for, or undefined when it is not about the bot or the organisation. */
  match(text: string): IntentFound | undefined;
  /** Stores an organisers' answer to a question (replacing one with the same id): close questions get it. */
  teach(entry: { id: string; question: string; answer: string }): void;
}

/** Share of topic words a message and a taught question must have in common (Dice coefficient). */
export const TAUGHT_THRESHOLD = 0.6;
/** Shortest stem that may match another with one typing error. */
const MIN_FUZZY = 6;
/** Shortest stem that may stand for a longer one beginning with it, in taught questions. */
const MIN_FAMILY = 5;

interface Phrasing {
  readonly intent: IntentMatch;
  readonly stems: readonly string[];
  /** Written with a leading "=": the message must be this phrasing and nothing more ("програма"). */
  readonly whole: boolean;
}

interface Taught {
  readonly match: IntentMatch;
  readonly terms: readonly string[];
}

/** Stems of every word of a text, function words included ("вам", "як" matter in a phrasing). */
function wordStems(text: string): string[] {
  return tokenise(text).map((token) => stemToken(token) ?? token);
}

/** The words of a text with their stems. */
function words(text: string): { word: string; stem: string }[] {
  return [...text.matchAll(/[\p{L}\p{N}'’ʼ]+/gu)].map((found) => ({ word: found[0], stem: wordStems(found[0])[0] ?? "" }));
}

/** Whether a phrasing's stem and a message's stem are the same word, forgiving one typing error after the first letter in a long word. */
function sameWord(wanted: string, given: string): boolean {
  if (wanted === given) return true;
  if (wanted.length < MIN_FUZZY || given.length < MIN_FUZZY || Math.abs(wanted.length - given.length) > 1 || wanted[0] !== given[0]) return false;
  return editDistance(wanted, given, 1) <= 1;
}

/** Whether a message (its stems, also as a set) has a phrasing's stem. */
function hasWord(wanted: string, given: readonly string[], givenSet: ReadonlySet<string>): boolean {
  if (givenSet.has(wanted)) return true;
  return wanted.length >= MIN_FUZZY && given.some((word) => sameWord(wanted, word));
}

/** The readings of a message: as typed and, when in Latin letters, read as Cyrillic. */
function readings(text: string): string[] {
  const cyrillic = cyrillicReading(text);
  return cyrillic ? [text, cyrillic] : [text];
}

/** Whether two topic stems are one word family: {@link sameWord}, or one begins the other ("ремонт", "ремонтуватим"). */
function sameFamily(a: string, b: string): boolean {
  if (sameWord(a, b)) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_FAMILY && longer.startsWith(shorter);
}

/** Dice coefficient of two stem lists, with {@link sameFamily} as equality. */
function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = a.filter((term) => b.some((other) => sameFamily(term, other))).length;
  return (2 * shared) / (a.length + b.length);
}

/**
 * Builds the matcher for an organisation's faq.json; `fill` replaces `{organisation}` and
 * `{contacts}` in answers with the organisation's own words per locale.
 */
export function createIntentMatcher(faq: Faq, fill: Readonly<Record<Locale, Readonly<Record<string, string>>>>): IntentMatcher {
  const phrasings: Phrasing[] = [];
  for (const intent of faq.intents) {
    const answer = {} as Record<Locale, string>;
    for (const locale of Object.keys(intent.answer) as Locale[]) {
      answer[locale] = intent.answer[locale].replace(/\{(\w+)\}/gu, (whole, name: string) => fill[locale][name] ?? whole);
    }
    const match: IntentMatch = { id: intent.id, taught: false, yieldsToProgramme: intent.yieldsToProgramme, answer, buttons: intent.buttons };
    for (const text of [...intent.phrasings.uk, ...intent.phrasings.ru, ...intent.phrasings.en]) {
      const whole = text.startsWith("=");
      const stems = wordStems(whole ? text.slice(1) : text);
      if (stems.length > 0) phrasings.push({ intent: match, stems, whole });
    }
  }
  const taught: Taught[] = [];

  /** Whether a phrasing is better than the best so far: intents that always win first, then more words. */
  const better = (phrasing: Phrasing, best: Phrasing | undefined): boolean => {
    if (!best) return true;
    if (phrasing.intent.yieldsToProgramme !== best.intent.yieldsToProgramme) return best.intent.yieldsToProgramme;
    return phrasing.stems.length > best.stems.length;
  };

  const matchFaq = (text: string): IntentFound | undefined => {
    let best: { phrasing: Phrasing; reading: string } | undefined;
    for (const reading of readings(text)) {
      const given = wordStems(reading);
      const givenSet = new Set(given);
      for (const phrasing of phrasings) {
        if (!better(phrasing, best?.phrasing)) continue;
        if (phrasing.whole && given.length !== phrasing.stems.length) continue;
        if (phrasing.stems.every((wanted) => hasWord(wanted, given, givenSet))) best = { phrasing, reading };
      }
    }
    if (!best) return undefined;
    const { phrasing, reading } = best;
    const rest = words(reading)
      .filter(({ stem }) => !phrasing.stems.some((wanted) => sameWord(wanted, stem)))
      .map(({ word }) => word)
      .join(" ");
    return { intent: phrasing.intent, rest };
  };

  const matchTaught = (text: string): IntentFound | undefined => {
    let best: { match: IntentMatch; score: number } | undefined;
    for (const reading of readings(text)) {
      const terms = analyse(reading);
      for (const entry of taught) {
        const score = similarity(terms, entry.terms);
        if (score >= TAUGHT_THRESHOLD && score > (best?.score ?? 0)) best = { match: entry.match, score };
      }
    }
    return best ? { intent: best.match, rest: "" } : undefined;
  };

  return {
    match(text: string): IntentFound | undefined {
      return matchTaught(text) ?? matchFaq(text);
    },
    teach(entry: { id: string; question: string; answer: string }): void {
      const at = taught.findIndex((stored) => stored.match.id === entry.id);
      if (at >= 0) taught.splice(at, 1);
      const answer = { uk: entry.answer, en: entry.answer };
      taught.push({ match: { id: entry.id, taught: true, yieldsToProgramme: false, answer, buttons: [] }, terms: analyse(entry.question) });
    },
  };
}
