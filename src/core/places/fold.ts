/**
 * Folds a place name as residents write it (Ukrainian, Russian or Latin letters, any case, with
 * or without apostrophes) into one Latin spelling, so that Житомир, Zhytomyr, Zhitomir and
 * "житомир" are the same key and Бердичев is one letter from Бердичів.
 */

const CYRILLIC: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "h",
  д: "d",
  е: "i",
  є: "i",
  ж: "zh",
  з: "z",
  и: "i",
  і: "i",
  ї: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "h",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ь: "",
  ю: "iu",
  я: "ia",
  ы: "i",
  э: "i",
  ё: "io",
  ъ: "",
};

/** Latin spellings folded the way {@link CYRILLIC} folds the letters they stand for. */
function foldLatin(word: string): string {
  return word
    .replace(/kh/g, "h")
    .replace(/g/g, "h")
    .replace(/[yje]/g, "i")
    .replace(/w/g, "v")
    .replace(/x/g, "ks")
    .replace(/q/g, "k")
    .replace(/c(?!h)/g, "ts")
    .replace(/(.)\1+/g, "$1");
}

/** The folded words of `text`: letters only, hyphens and punctuation split words. */
export function foldWords(text: string): string[] {
  const latin = [...text.toLowerCase().normalize("NFC")].map((letter) => CYRILLIC[letter] ?? letter).join("");
  return latin
    .replace(/['’ʼ`"]/g, "")
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0)
    .map(foldLatin);
}

/** One folded key for a whole name: its folded words joined by single spaces. */
export function foldName(text: string): string {
  return foldWords(text).join(" ");
}

/** Rows of {@link editDistance}, reused between calls (a typed place is compared with every listed name). */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as const;

/**
 * Optimal string alignment distance (Levenshtein plus swapped neighbours), stopping early above `limit`.
 * Three rolling rows of reused typed arrays: no allocation per call.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [before, previous, current] = rows;
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    current[0] = i;
    let best = i;
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const substitution = previous[j - 1]! + (ai === bj ? 0 : 1);
      let value = deletion < insertion ? deletion : insertion;
      if (substitution < value) value = substitution;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj && before[j - 2]! + 1 < value) value = before[j - 2]! + 1;
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}
