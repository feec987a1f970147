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
