/** What the cache knows of a key: its stored text, or that the store holds nothing under it. */
export type Cached = { readonly text: string } | "absent";

/** Bounds of {@link ReadCache}. */
export interface ReadCacheLimits {
  readonly entries: number;
  /** Total length of the cached texts, in UTF-16 code units. */
  readonly chars: number;
}

/**
 * The stored texts of recently used keys, least recently used dropped first, for a store that only
 * this process writes (SQLite): a button press reads the resident and their flow, and both are
 * usually the ones the previous press wrote. It holds texts, never objects, so a caller that
 * changes what it read cannot change the cache; the store stays the truth, and whoever writes it
 * tells the cache (`put`, `forget`) or empties it (`clear`, after a rolled-back commit).
 */
export class ReadCache {
  readonly #entries = new Map<string, Cached>();
  #chars = 0;

  constructor(private readonly limits: ReadCacheLimits) {}

  /** What is known of `key`, or undefined; a hit becomes the most recently used. */
  get(key: string): Cached | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Records what the store now holds under `key`. */
  put(key: string, entry: Cached): void {
    this.forget(key);
    const size = entry === "absent" ? 0 : entry.text.length;
    if (size > this.limits.chars) return;
    this.#entries.set(key, entry);
    this.#chars += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#entries.size <= this.limits.entries && this.#chars <= this.limits.chars) break;
      this.#entries.delete(oldest);
      if (old !== "absent") this.#chars -= old.text.length;
    }
  }

  /** Drops what is known of `key` (the next read goes to the store). */
  forget(key: string): void {
    const old = this.#entries.get(key);
    if (old === undefined) return;
    this.#entries.delete(key);
    if (old !== "absent") this.#chars -= old.text.length;
  }

  /** Drops everything. */
  clear(): void {
    this.#entries.clear();
    this.#chars = 0;
  }

  /** How many keys are known (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}
