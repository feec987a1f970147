/**
 * Splits text into pieces of at most `limit` characters for messengers with a length limit. Cuts at
 * the last paragraph break in the window, else the last line break, else the last space (each only
 * when it keeps at least half the window), else hard at the limit.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const at = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find((cut) => cut > limit / 2) ?? limit;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/** Characters that reorder text on screen (bidi embeddings, overrides, isolates and marks). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A field meant to be one line (a name, a place, a source) as it may be shown: control and format
 * characters (newlines, bidi overrides, zero-width joiners) removed, line and paragraph separators
 * and runs of spaces made one space. A resident's name can then never start a new "field" on a card.
 */
export function singleLine(value: string): string {
  return value
    .replace(/[\r\n\t\u2028\u2029\u0085]+/gu, " ")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * A resident's free text (a description, a question) as it may be shown: line breaks kept, but
 * bidi controls and other control characters removed, so nothing in it can reorder what follows.
 */
export function safeMultiline(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(BIDI_CONTROLS, "")
    .replace(/\p{Cc}/gu, (char) => (char === "\n" || char === "\t" ? char : ""))
    .trim();
}

/**
 * `compute` with its answers remembered per key, for pure functions called again and again with the
 * same few strings (words, button labels). Keys can be anyone's text, so the memory is emptied once
 * it holds `limit` answers rather than grown.
 */
export function memoise<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
