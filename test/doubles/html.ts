/**
 * Telegram's text formatting, as strict as the Bot API documents it: parses a text with a
 * `parse_mode` into what a person sees, or says why Telegram would answer
 * "Bad Request: can't parse entities: ...".
 *
 * HTML follows the "Formatting options" rules to the letter: only Telegram's tags, properly
 * nested, and every `<`, `>` and `&` that is not part of a tag or of `&lt;` `&gt;` `&amp;`
 * `&quot;` or a numeric entity is refused. (Telegram's own parser lets a lone `&` or `>` slip
 * through; the double does not, so a bot that relies on that luck fails here first.)
 */

/** Result of parsing formatted text. */
export type FormattedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

const ALLOWED_HTML_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

/**
 * Parses `text` as Telegram would for `parseMode` (HTML, MarkdownV2 or Markdown, any case;
 * undefined means plain text) and returns the visible text.
 */
export function parseFormatted(text: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === "") return { ok: true, text };
  switch (parseMode.toLowerCase()) {
    case "html":
      return parseTelegramHtml(text);
    case "markdownv2":
      return parseMarkdownV2(text);
    case "markdown":
      return parseLegacyMarkdown(text);
    default:
      return { ok: false, error: "unsupported parse_mode" };
  }
}

/**
 * What a person sees for a text sent with `parseMode`: markup removed and entities decoded.
 * Lenient: text Telegram would refuse is returned with the tags stripped as well as possible.
 */
export function plainTextOf(text: string, parseMode: string | undefined): string {
  const parsed = parseFormatted(text, parseMode);
  if (parsed.ok) return parsed.text;
  if (parseMode?.toLowerCase() === "html") return decodeHtmlEntitiesLeniently(text.replace(/<[^>]*>/g, ""));
  return text;
}

/** Escapes `<`, `>` and `&` for Telegram HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

function decodeHtmlEntitiesLeniently(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});/g, (whole, body: string) => decodeEntity(body) ?? whole);
}

function decodeEntity(body: string): string | undefined {
  switch (body) {
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "amp":
      return "&";
    case "quot":
      return '"';
  }
  const code = body.startsWith("#x") || body.startsWith("#X") ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

const ENTITY_AT = /^&(lt|gt|amp|quot|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});/;

interface OpenTag {
  readonly name: string;
  readonly offset: number;
}

/** Parses Telegram HTML; see the module comment for the rules. */
export function parseTelegramHtml(source: string): FormattedText {
  let out = "";
  const open: OpenTag[] = [];
  let i = 0;
  const fail = (error: string): FormattedText => ({ ok: false, error });
  while (i < source.length) {
    const c = source[i] ?? "";
    if (c === "&") {
      const match = ENTITY_AT.exec(source.slice(i, i + 12));
      const decoded = match ? decodeEntity(match[1] ?? "") : undefined;
      if (!match || decoded === undefined) {
        return fail(`Character '&' at byte offset ${byteOffset(source, i)} does not start an entity; escape it as &amp;`);
      }
      out += decoded;
      i += match[0].length;
    } else if (c === ">") {
      return fail(`Character '>' at byte offset ${byteOffset(source, i)} must be escaped as &gt;`);
    } else if (c === "<" && source[i + 1] === "/") {
      const match = /^<\/([A-Za-z0-9-]*)\s*>/.exec(source.slice(i));
      if (!match) return fail(`Unclosed end tag at byte offset ${byteOffset(source, i)}`);
      const name = (match[1] ?? "").toLowerCase();
      const top = open.at(-1);
      if (!top) return fail(`Unexpected end tag at byte offset ${byteOffset(source, i)}`);
      if (top.name !== name) {
        return fail(`Unmatched end tag at byte offset ${byteOffset(source, i)}, expected "</${top.name}>", found "</${name}>"`);
      }
      open.pop();
      i += match[0].length;
    } else if (c === "<") {
      const tag = readStartTag(source, i);
      if (typeof tag === "string") return fail(tag);
      open.push({ name: tag.name, offset: i });
      i = tag.end;
    } else {
      out += c;
      i += 1;
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) return fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { ok: true, text: out };
}

/** Reads `<name attr="v">` at `start`; returns an error message or the tag and where it ends. */
function readStartTag(source: string, start: number): { name: string; end: number } | string {
  const at = byteOffset(source, start);
  const nameMatch = /^<([A-Za-z0-9-]*)/.exec(source.slice(start));
  const name = (nameMatch?.[1] ?? "").toLowerCase();
  if (!ALLOWED_HTML_TAGS.has(name)) return `Unsupported start tag "${name}" at byte offset ${at}`;
  let i = start + 1 + name.length;
  const attributes = new Map<string, string>();
  for (;;) {
    while (i < source.length && /\s/.test(source[i] ?? "")) i += 1;
    if (i >= source.length) return `Unclosed start tag at byte offset ${at}`;
    if (source[i] === ">") {
      i += 1;
      break;
    }
    const attrMatch = /^[A-Za-z0-9_-]+/.exec(source.slice(i));
    if (!attrMatch) return `Empty attribute name in the tag "${name}" at byte offset ${at}`;
    const attrName = attrMatch[0].toLowerCase();
    i += attrMatch[0].length;
    while (i < source.length && /\s/.test(source[i] ?? "")) i += 1;
    if (source[i] !== "=") {
      if (name === "blockquote" && attrName === "expandable") {
        attributes.set(attrName, "");
        continue;
      }
      return `Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${at}`;
    }
    i += 1;
    while (i < source.length && /\s/.test(source[i] ?? "")) i += 1;
    const quote = source[i];
    let raw: string;
    if (quote === '"' || quote === "'") {
      const close = source.indexOf(quote, i + 1);
      if (close < 0) return `Unclosed start tag at byte offset ${at}`;
      raw = source.slice(i + 1, close);
      i = close + 1;
    } else {
      const valueMatch = /^[^\s>]+/.exec(source.slice(i));
      if (!valueMatch) return `Unclosed start tag at byte offset ${at}`;
      raw = valueMatch[0];
      i += raw.length;
    }
    attributes.set(attrName, decodeHtmlEntitiesLeniently(raw));
  }
  if (name === "span" && attributes.get("class") !== "tg-spoiler") {
    return `Tag "span" must have class "tg-spoiler" at byte offset ${at}`;
  }
  if (name === "tg-emoji" && !attributes.get("emoji-id")) {
    return `Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${at}`;
  }
  if (name === "a" && attributes.has("href") && (attributes.get("href") ?? "").trim() === "") {
    return `Tag "a" has an empty href at byte offset ${at}`;
  }
  return { name, end: i };
}

type MarkdownEntity = "Bold" | "Italic" | "Underline" | "Strikethrough" | "Spoiler" | "Code" | "Pre" | "TextUrl";

/** Parses MarkdownV2 (reserved characters must be escaped; entities must be closed and nested). */
export function parseMarkdownV2(source: string): FormattedText {
  let out = "";
  const open: Array<{ type: MarkdownEntity; offset: number }> = [];
  const fail = (error: string): FormattedText => ({ ok: false, error });
  const toggle = (type: MarkdownEntity, index: number): FormattedText | undefined => {
    const position = open.findIndex((entity) => entity.type === type);
    if (position < 0) {
      open.push({ type, offset: index });
      return undefined;
    }
    if (position !== open.length - 1) {
      const inner = open.at(-1);
      return fail(`Can't find end of ${inner?.type ?? type} entity at byte offset ${byteOffset(source, inner?.offset ?? index)}`);
    }
    open.pop();
    return undefined;
  };
  let i = 0;
  let lineStart = true;
  while (i < source.length) {
    const c = source[i] ?? "";
    const next = source[i + 1] ?? "";
    const top = open.at(-1)?.type;
    const wasLineStart = lineStart;
    lineStart = c === "\n";
    if (c === "\\") {
      if (next === "" || next.charCodeAt(0) > 126) {
        out += c;
        i += 1;
      } else {
        out += next;
        lineStart = next === "\n";
        i += 2;
      }
      continue;
    }
    if (top === "Code" || top === "Pre") {
      if (top === "Pre" && source.startsWith("```", i)) {
        open.pop();
        i += 3;
      } else if (top === "Code" && c === "`") {
        open.pop();
        i += 1;
      } else {
        out += c;
        i += 1;
      }
      continue;
    }
    let problem: FormattedText | undefined;
    if (c === "*") {
      problem = toggle("Bold", i);
      i += 1;
    } else if (c === "_" && next === "_" && top !== "Italic") {
      problem = toggle("Underline", i);
      i += 2;
    } else if (c === "_") {
      problem = toggle("Italic", i);
      i += 1;
    } else if (c === "~") {
      problem = toggle("Strikethrough", i);
      i += 1;
    } else if (c === "|" && next === "|") {
      problem = toggle("Spoiler", i);
      i += 2;
    } else if (source.startsWith("```", i)) {
      open.push({ type: "Pre", offset: i });
      const newline = source.indexOf("\n", i + 3);
      const firstLine = newline < 0 ? "" : source.slice(i + 3, newline);
      i += 3 + (newline >= 0 && /^[A-Za-z0-9_+#.-]*$/.test(firstLine) ? firstLine.length + 1 : 0);
    } else if (c === "`") {
      open.push({ type: "Code", offset: i });
      i += 1;
    } else if (c === "[" || (c === "!" && next === "[")) {
      open.push({ type: "TextUrl", offset: i });
      i += c === "!" ? 2 : 1;
    } else if (c === "]" && top === "TextUrl") {
      open.pop();
      if (source[i + 1] !== "(") return fail(`Can't find end of a URL at byte offset ${byteOffset(source, i)}`);
      let j = i + 2;
      while (j < source.length && source[j] !== ")") j += source[j] === "\\" ? 2 : 1;
      if (j >= source.length) return fail(`Can't find end of a URL at byte offset ${byteOffset(source, i)}`);
      i = j + 1;
    } else if (c === ">" && wasLineStart) {
      i += 1;
    } else if ("_*[]()~`>#+-=|{}.!".includes(c)) {
      return fail(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    } else {
      out += c;
      i += 1;
    }
    if (problem) return problem;
  }
  const unclosed = open.at(-1);
  if (unclosed) return fail(`Can't find end of ${unclosed.type} entity at byte offset ${byteOffset(source, unclosed.offset)}`);
  return { ok: true, text: out };
}

/** Parses legacy Markdown (`*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`). */
export function parseLegacyMarkdown(source: string): FormattedText {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? "";
    if (c === "\\" && "_*`[".includes(source[i + 1] ?? "x")) {
      out += source[i + 1];
      i += 2;
      continue;
    }
    const marker = source.startsWith("```", i) ? "```" : "*_`[".includes(c) ? c : undefined;
    if (!marker) {
      out += c;
      i += 1;
      continue;
    }
    const closer = marker === "[" ? "]" : marker;
    const end = source.indexOf(closer, i + marker.length);
    if (end < 0) return { ok: false, error: `Can't find end of the entity starting at byte offset ${byteOffset(source, i)}` };
    out += source.slice(i + marker.length, end);
    i = end + closer.length;
    if (marker === "[") {
      if (source[i] !== "(") continue;
      const close = source.indexOf(")", i);
      if (close < 0) return { ok: false, error: `Can't find end of a URL at byte offset ${byteOffset(source, i)}` };
      i = close + 1;
    }
  }
  return { ok: true, text: out };
}
