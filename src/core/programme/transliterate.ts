/**
 * Reads Ukrainian (or Russian) typed in Latin letters, as residents without a Cyrillic keyboard
 * write it: "yak podaty skargu", "likari v seli nema", "shcho z taryfamy". The result is one more
 * reading of the message, searched beside the text as typed; a message with an English function
 * word ("the", "is", "you") is English and gets no second reading.
 */

import { ENGLISH_FUNCTION_WORDS } from "./function-words.js";

const ENGLISH_WORDS: ReadonlySet<string> = new Set(ENGLISH_FUNCTION_WORDS);

/** Latin letter groups and the Cyrillic letter they stand for, longest first. */
const GROUPS: readonly (readonly [string, string])[] = [
  ["shch", "щ"],
  ["sch", "щ"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["ts", "ц"],
  ["ya", "я"],
  ["ja", "я"],
  ["yu", "ю"],
  ["ju", "ю"],
  ["ye", "є"],
  ["je", "є"],
  ["yi", "ї"],
  ["yo", "йо"],
  ["ij", "ій"],
  ["iy", "ій"],
];

/** Single Latin letters and their Cyrillic reading (y is "и", as in the official Ukrainian romanisation). */
const LETTERS: Readonly<Record<string, string>> = {
  a: "а",
  b: "б",
  c: "ц",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  h: "г",
  i: "і",
  j: "й",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  q: "к",
  r: "р",
  s: "с",
  t: "т",
  u: "у",
  v: "в",
  w: "в",
  x: "кс",
  y: "и",
  z: "з",
  "'": "",
};

/** True when `text` has Latin letters and no Cyrillic ones: then it may be Ukrainian in Latin letters. */
export function isLatinScript(text: string): boolean {
  return /[a-z]/iu.test(text) && !/[\u0400-\u04ff]/u.test(text);
}

/** One Latin word read as Cyrillic ("skargu" → "скаргу"); digits and other letters stay as they are. */
export function latinToCyrillic(word: string): string {
  const lower = word.toLowerCase();
  let result = "";
  let at = 0;
  while (at < lower.length) {
    const group = GROUPS.find(([latin]) => lower.startsWith(latin, at));
    if (group) {
      result += group[1];
      at += group[0].length;
      continue;
    }
    const letter = lower[at] ?? "";
    result += LETTERS[letter] ?? letter;
    at += 1;
  }
  return result;
}

/** True when a Latin-letter message has an English function word of two letters or more. */
function looksEnglish(text: string): boolean {
  return [...text.toLowerCase().matchAll(/[a-z']+/gu)].some((word) => ENGLISH_WORDS.has(word[0].replace(/'/gu, "")));
}

/** A whole Latin-letter message read as Cyrillic, word by word; undefined when it is not in Latin letters or is English. */
export function cyrillicReading(text: string): string | undefined {
  if (!isLatinScript(text) || looksEnglish(text)) return undefined;
  return text.replace(/[a-z']+/giu, (word) => latinToCyrillic(word));
}
