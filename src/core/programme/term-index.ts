/**
 * The dictionary of stems Viche knows, each with the programme items it occurs in, and the typo-tolerant look-up that maps a resident's stem to known ones: exact;
 * else a known stem of the same word family (one starts the other, "спортмайданчик" → "спорт",
 * or they share all but the last letter or two, "обіцяли" → "обіцянки"); and one or two typing
 * errors (a deletion index in the manner of SymSpell, checked with the optimal-string-alignment
 * distance).
 */

/** A known stem: the items it occurs in, with the weight of the best field it occurs in. */
export interface TermEntry {
  readonly term: string;
  /** Item positions, parallel to {@link TermEntry.weights}. */
  readonly items: number[];
  /** Field weight (0..1) of the term in each item of {@link TermEntry.items}. */
  readonly weights: number[];
}

/** A known stem a resident's stem was taken for, with how sure the match is (1 exact, lower for guesses). */
export interface ResolvedTerm {
  readonly entry: TermEntry;
  readonly quality: number;
}

/** Match quality of a known stem that starts the resident's word or that the word starts. */
const PREFIX_QUALITY = 0.7;
/** Match quality of a known stem that shares all but the last one or two letters of the shorter one. */
const FAMILY_QUALITY = 0.6;
/** Letters a word family may differ in at the end of the shorter stem: one, two from 8 letters. */
const familySlack = (shorter: number): number => (shorter >= 8 ? 2 : 1);
/** Match quality by number of typing errors. */
const TYPO_QUALITY = [1, 0.8, 0.6] as const;
/** Shortest shared beginning for a word-family match. */
const MIN_PREFIX = 5;
/** A resident's stem that is only the start of a known one must cover this share of it ("музик" is not "музикалк"). */
const MIN_PREFIX_SHARE = 0.7;
/** Known stems looked at per shared beginning (a bound on work, never reached in practice). */
const MAX_FAMILY_SCAN = 40;
/** Candidates kept per resident's stem. */
const MAX_CANDIDATES = 3;

/** Typing errors tolerated in a stem of this length: none below 6 letters, one up to 7, two from 8. */
export function typoBudget(length: number): number {
  if (length >= 8) return 2;
  return length >= 6 ? 1 : 0;
}

/** Length of the common beginning of two strings. */
function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps), or `limit + 1` once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/** Every string made from `word` by deleting up to `depth` letters, the word itself included. */
function deletions(word: string, depth: number, into: Set<string>): Set<string> {
  into.add(word);
  if (depth === 0 || word.length <= 1) return into;
  for (let i = 0; i < word.length; i += 1) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, depth - 1, into);
  }
  return into;
}

/** The stems the search knows, with the look-ups that forgive a resident's spelling. */
export class TermIndex {
  private readonly entries = new Map<string, TermEntry>();
  private readonly deleted = new Map<string, string[]>();
  private sorted: string[] | undefined;

  /** Records that `term` occurs in item `item` with field weight `weight` (the best weight is kept). */
  addItemTerm(term: string, item: number, weight: number): void {
    const entry = this.entryFor(term);
    const at = entry.items.indexOf(item);
    if (at < 0) {
      entry.items.push(item);
      entry.weights.push(weight);
    } else if ((entry.weights[at] ?? 0) < weight) {
      entry.weights[at] = weight;
    }
  }

  /**
   * The known stems a resident's stem stands for: itself when an item knows it; otherwise up to
   * three guesses from word families and typing errors, best first. Empty when nothing is close.
   */
  resolve(term: string): ResolvedTerm[] {
    const exact = this.entries.get(term);
    if (exact && exact.items.length > 0) return [{ entry: exact, quality: 1 }];
    const found = new Map<TermEntry, number>();
    const consider = (entry: TermEntry | undefined, quality: number): void => {
      if (entry && (found.get(entry) ?? 0) < quality) found.set(entry, quality);
    };
    if (term.length >= MIN_PREFIX) {
      for (const candidate of this.startingWith(term.slice(0, MIN_PREFIX))) {
        const shorter = Math.min(term.length, candidate.length);
        const shared = sharedPrefix(term, candidate);
        if (shared === term.length && term.length < MIN_PREFIX_SHARE * candidate.length) continue;
        if (shared === shorter) consider(this.entries.get(candidate), PREFIX_QUALITY);
        else if (shared >= shorter - familySlack(shorter)) consider(this.entries.get(candidate), FAMILY_QUALITY);
      }
    }
    const budget = typoBudget(term.length);
    if (budget > 0) {
      for (const variant of deletions(term, budget, new Set())) {
        for (const candidate of this.deleted.get(variant) ?? []) {
          const limit = Math.min(budget, typoBudget(candidate.length));
          const distance = editDistance(term, candidate, limit);
          if (distance <= limit) consider(this.entries.get(candidate), TYPO_QUALITY[distance] ?? 0);
        }
      }
    }
    return [...found]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CANDIDATES)
      .map(([entry, quality]) => ({ entry, quality }));
  }

  private entryFor(term: string): TermEntry {
    let entry = this.entries.get(term);
    if (!entry) {
      entry = { term, items: [], weights: [] };
      this.entries.set(term, entry);
      this.sorted = undefined;
      for (const variant of deletions(term, typoBudget(term.length), new Set())) {
        const list = this.deleted.get(variant);
        if (list) list.push(term);
        else this.deleted.set(variant, [term]);
      }
    }
    return entry;
  }

  /** Known stems that begin with `prefix` (a bounded handful), found by binary search. */
  private startingWith(prefix: string): string[] {
    this.sorted ??= [...this.entries.keys()].sort();
    const sorted = this.sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? "") < prefix) low = middle + 1;
      else high = middle;
    }
    const result: string[] = [];
    for (let i = low; i < sorted.length && result.length < MAX_FAMILY_SCAN; i += 1) {
      const candidate = sorted[i] ?? "";
      if (!candidate.startsWith(prefix)) break;
      result.push(candidate);
    }
    return result;
  }
}
