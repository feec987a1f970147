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

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
