/**
 * Turns what a resident typed into search terms: Latin look-alikes inside Cyrillic words become
 * Cyrillic, apostrophes go, Ukrainian and Russian spelling variants fold together (і/ї/и/ы,
 * є/е/ё/э, ґ/г, ъ), function words drop out and each word is cut to a stem. The same steps run
 * over the programme and its vocabulary, so both sides meet in one alphabet of stems.
 */

import { memoise } from "../text.js";
import { FUNCTION_WORDS, OFF_TOPIC_CUES } from "./function-words.js";
import {
  ENGLISH_ENDINGS,
  FOLD,
  LOWER_LOOKALIKES,
  MIN_ENGLISH_STEM,
  MIN_SLAVIC_STEM,
  PRICE_TOKEN,
  PRICE_WORDS,
  REFLEXIVE,
  SLAVIC_ENDINGS,
  UPPER_LOOKALIKES,
} from "./letter-tables.js";
import { readSenses, senseWords } from "./senses.js";

/** Characters residents use for the Ukrainian apostrophe. */
const APOSTROPHES = /['’ʼ`′‘]/gu;
const CYRILLIC = /[\u0400-\u04ff]/u;
const LATIN = /[a-z]/u;
const WORD = /[\p{L}\p{N}]+/gu;

const ENDINGS_LONGEST_FIRST = [...SLAVIC_ENDINGS].sort((a, b) => b.length - a.length);
const VOWEL = /[аеиоуюя]/u;

/**
 * Lowercases a token, turns look-alike Latin letters of a Cyrillic word into Cyrillic, folds
 * Ukrainian and Russian spelling variants and, in Cyrillic words, collapses doubled letters
 * (ru "профессия" and uk "професія" meet; "навчання" and "дуууже" lose their doubles). Remembered:
 * the same few thousand words come back in every question.
 */
export const normaliseToken: (token: string) => string = memoise(foldToken, 20_000);

function foldToken(token: string): string {
  let word = token.replace(APOSTROPHES, "");
  const sense = PRICE_WORDS.has(word.toLowerCase()) ? PRICE_TOKEN : undefined;
  if (sense) return sense;
  if (CYRILLIC.test(word) && /[a-zA-Z]/u.test(word)) {
    word = Array.from(word, (ch) => UPPER_LOOKALIKES[ch] ?? LOWER_LOOKALIKES[ch] ?? ch.toLowerCase()).join("");
  }
  word = Array.from(word.toLowerCase(), (ch) => FOLD[ch] ?? ch).join("");
  return CYRILLIC.test(word) ? word.replace(/(\p{L})\1+/gu, "$1") : word;
}

/** Cuts a folded Ukrainian or Russian word to its stem: a reflexive particle, then the longest known ending. */
export function stemSlavic(word: string): string {
  let stem = word;
  for (const reflexive of REFLEXIVE) {
    if (stem.length - reflexive.length >= MIN_SLAVIC_STEM + 2 && stem.endsWith(reflexive)) {
      stem = stem.slice(0, -reflexive.length);
      break;
    }
  }
  for (const ending of ENDINGS_LONGEST_FIRST) {
    const rest = stem.length - ending.length;
    if (rest >= MIN_SLAVIC_STEM && stem.endsWith(ending) && VOWEL.test(stem.slice(0, rest))) {
      stem = stem.slice(0, -ending.length);
      break;
    }
  }
  return stem.replace(/ь/gu, "");
}

/** Cuts a lowercase English word to a rough stem (plurals, -ing, -ed, -ment, -ation and the like). */
export function stemEnglish(word: string): string {
  let stem = word;
  for (const ending of ENGLISH_ENDINGS) {
    if (stem.length - ending.length >= MIN_ENGLISH_STEM && stem.endsWith(ending)) {
      if (ending === "s" && /(ss|us|is)$/u.test(stem)) continue;
      if (ending === "ly" && stem.length < 7) continue;
      stem = stem.slice(0, -ending.length) + (ending === "ies" || ending === "ied" ? "i" : "");
      break;
    }
  }
  if (/([b-df-hj-np-tv-z])\1$/u.test(stem) && !/(ll|ss|zz)$/u.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > MIN_ENGLISH_STEM && stem.endsWith("e")) stem = stem.slice(0, -1);
  if (stem.length > MIN_ENGLISH_STEM && stem.endsWith("y")) stem = `${stem.slice(0, -1)}i`;
  return stem;
}

/** Splits text into normalised tokens of letters and digits; apostrophes are dropped, so "сім'ї" stays one word. */
export function tokenise(text: string): string[] {
  const joined = text.replace(APOSTROPHES, "");
  const tokens: string[] = [];
  for (const match of joined.matchAll(WORD)) tokens.push(normaliseToken(match[0]));
  return tokens;
}

/** Stems one normalised token by its script; digits-only tokens have no stem. */
export function stemToken(token: string): string | undefined {
  if (/^\p{N}+$/u.test(token)) return undefined;
  if (CYRILLIC.test(token)) return stemSlavic(token);
  if (LATIN.test(token)) return stemEnglish(token);
  return token;
}

const STOPWORDS: ReadonlySet<string> = new Set(FUNCTION_WORDS.flatMap((word) => tokenise(word)));

/** True when a normalised token carries no topic: greetings, pronouns, question words, fillers. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

const CUES: ReadonlySet<string> = new Set(OFF_TOPIC_CUES.flatMap((word) => tokenise(word)));

/** True when a text carries a word of a classified ad, the weather or entertainment. */
export function hasOffTopicCue(text: string): boolean {
  return tokenise(text).some((token) => CUES.has(token));
}

/** Shortest word that can carry a topic ("ФАП", "ОТГ"); "км", "кг", "б/у" cannot. */
const MIN_TOKEN = 3;

const SENSE_WORDS = senseWords((list) => tokenise(list));

/**
 * The stems of a text's topic words, in order, without function words or repeats; ambiguous words
 * are read by their neighbours (senses.ts). A price ("дорогі", "подорожчав") is no topic of its
 * own: "дорогі ліки" is about medicine, "хліб подорожчав" about nothing the programme covers.
 */
export function analyse(text: string): string[] {
  const terms: string[] = [];
  for (const token of readSenses(tokenise(text), SENSE_WORDS, PRICE_TOKEN)) {
    if (token.length < MIN_TOKEN || isStopword(token) || token === PRICE_TOKEN) continue;
    const stem = stemToken(token);
    if (stem !== undefined && stem.length >= 2 && !terms.includes(stem)) terms.push(stem);
  }
  return terms;
}
