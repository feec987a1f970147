/**
 * Turns what a resident typed into search terms: Latin look-alikes inside Cyrillic words become
 * Cyrillic, apostrophes go, Ukrainian and Russian spelling variants fold together (і/ї/и/ы,
 * є/е/ё/э, ґ/г, ъ), function words drop out and each word is cut to a stem. The same steps run
 * over the programme and its vocabulary, so both sides meet in one alphabet of stems.
 */

import { FUNCTION_WORDS, OFF_TOPIC_CUES } from "./function-words.js";
import { readSenses, senseWords } from "./senses.js";

/** What high prices fold to ("дорогі", "подорожчало"): see {@link normaliseToken}. */
const PRICE_TOKEN = "дорожнеча";

/** Capital Latin letters typed in place of the Cyrillic capital they look like. */
const UPPER_LOOKALIKES: Readonly<Record<string, string>> = {
  A: "а",
  B: "в",
  C: "с",
  E: "е",
  H: "н",
  I: "і",
  K: "к",
  M: "м",
  O: "о",
  P: "р",
  T: "т",
  X: "х",
  Y: "у",
};

/** Small Latin letters typed in place of the Cyrillic letter they look like. */
const LOWER_LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а",
  c: "с",
  e: "е",
  i: "і",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  r: "г",
  t: "т",
  u: "и",
  x: "х",
  y: "у",
};

/** Ukrainian and Russian letters folded to one spelling; ь stays until the stem is cut. */
const FOLD: Readonly<Record<string, string>> = {
  ё: "е",
  є: "е",
  э: "е",
  ї: "и",
  і: "и",
  ы: "и",
  ґ: "г",
  ъ: "",
};

/**
 * Words about prices that folding would turn into "roads": uk "дорогі" (expensive) and "дороги"
 * (roads) differ only in і/и, and both stem to "дорог". They are read as "дорожнеча" (high prices)
 * before folding, so "дорогі ліки" is about medicine and prices, not roads. "дорога" stays a road.
 */
const PRICE_WORDS: ReadonlySet<string> = new Set([
  "дорогі",
  "дорогий",
  "дороге",
  "дорогого",
  "дорогої",
  "дорогим",
  "дорогими",
  "дорогих",
  "дорого",
  "дорожчі",
  "дорожче",
  "дорожчий",
  "дорожчає",
  "дорожчають",
  "подорожчали",
  "подорожчав",
  "подорожчала",
  "подорожчання",
  "дорогие",
  "дорогое",
  "дорогих",
  "дороже",
  "подорожали",
  "подорожал",
  "подорожала",
  "подорожание",
  "дорожает",
  "дорожают",
]);

/** Characters residents use for the Ukrainian apostrophe. */
const APOSTROPHES = /['’ʼ`′‘]/gu;
const CYRILLIC = /[\u0400-\u04ff]/u;
const LATIN = /[a-z]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Endings of Ukrainian and Russian words, written in the folded alphabet; longest are tried first. */
const SLAVIC_ENDINGS = [
  "ировать",
  "ировал",
  "ировали",
  "ирован",
  "ирует",
  "ируют",
  "ирование",
  "ования",
  "ование",
  "уваня",
  "юваня",
  "увати",
  "ювати",
  "ували",
  "увала",
  "ував",
  "ують",
  "юють",
  "ован",
  "аня",
  "еня",
  "иня",
  "ание",
  "ение",
  "ания",
  "ения",
  "анию",
  "ению",
  "аням",
  "еням",
  "овать",
  "евать",
  "ость",
  "ости",
  "остей",
  "исть",
  "остю",
  "ого",
  "ому",
  "ими",
  "ами",
  "ями",
  "иях",
  "иям",
  "ием",
  "ией",
  "ою",
  "ею",
  "ую",
  "юю",
  "ий",
  "ой",
  "ей",
  "ая",
  "яя",
  "ое",
  "ее",
  "ие",
  "их",
  "им",
  "ам",
  "ям",
  "ах",
  "ях",
  "ом",
  "ем",
  "ов",
  "ев",
  "ив",
  "ои",
  "еи",
  "ови",
  "еви",
  "ия",
  "ию",
  "ье",
  "ья",
  "ью",
  "ьи",
  "ать",
  "ять",
  "ить",
  "уть",
  "ють",
  "ають",
  "яють",
  "ует",
  "ает",
  "яет",
  "ают",
  "яют",
  "еют",
  "ешь",
  "ишь",
  "еш",
  "иш",
  "емо",
  "имо",
  "ете",
  "ите",
  "уе",
  "ае",
  "уют",
  "ала",
  "ало",
  "али",
  "или",
  "ила",
  "ило",
  "ючи",
  "ачи",
  "а",
  "я",
  "о",
  "е",
  "и",
  "у",
  "ю",
  "ь",
  "й",
];
/** Reflexive particles of Ukrainian and Russian verbs, cut before the ending. */
const REFLEXIVE = ["ся", "сь"];
const ENDINGS_LONGEST_FIRST = [...SLAVIC_ENDINGS].sort((a, b) => b.length - a.length);
/** Shortest stem left by cutting an ending ("ями" → "ям"); it must also keep a vowel ("звіт" stays whole). */
const MIN_SLAVIC_STEM = 2;
const VOWEL = /[аеиоуюя]/u;

/** English endings for a light stemmer, longest first. */
const ENGLISH_ENDINGS = [
  "ations",
  "ation",
  "ments",
  "ment",
  "ances",
  "ance",
  "ences",
  "ence",
  "ities",
  "ity",
  "ness",
  "ings",
  "ing",
  "ers",
  "er",
  "ied",
  "ies",
  "ed",
  "es",
  "s",
  "ly",
];
const MIN_ENGLISH_STEM = 3;

/**
 * Lowercases a token, turns look-alike Latin letters of a Cyrillic word into Cyrillic, folds
 * Ukrainian and Russian spelling variants and, in Cyrillic words, collapses doubled letters
 * (ru "профессия" and uk "професія" meet; "навчання" and "дуууже" lose their doubles).
 */
export function normaliseToken(token: string): string {
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
