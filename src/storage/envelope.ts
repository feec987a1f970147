import { defaultDeserialize, defaultSerialize } from "@keyv/serialize";

/**
 * keyv's stored form of a value, `{"value":…,"expires":…}`, written and read without keyv on the
 * hot path. The text is byte for byte what keyv 5 writes (its serialiser escapes strings that start
 * with ":" by doubling the colon, and reads them back), so data written before and after this
 * module, and by keyv itself, stay interchangeable.
 *
 * keyv builds that text with a serialiser written in JavaScript and reads it with a JSON reviver
 * called for every value; profiled, the two were ~4 % of Viche's CPU per update. Here the native
 * `JSON.stringify`/`JSON.parse` do the work, and keyv's own functions are used only when a string
 * might start with ":" (found by a cheap scan of the text; false alarms only cost speed).
 */

/**
 * A string value that starts with ":" shows in JSON as `":` right after what can precede a value
 * (start, `:`, `,` or `[`). A key's closing quote followed by `:` can match too: that is a false
 * alarm, handled correctly by the slow path.
 */
const MAYBE_COLON_STRING = /(?:^|[:,[])":/;

/** What a stored envelope holds. */
export interface Unwrapped<T> {
  readonly value: T;
  /** Epoch milliseconds after which the value counts as absent; undefined for never. */
  readonly expires: number | undefined;
}

/** The stored text for `value`, expiring at `expires` (epoch ms) when given. */
export function wrap(value: unknown, expires?: number): string {
  const json = value === undefined ? "null" : JSON.stringify(value);
  if (MAYBE_COLON_STRING.test(json)) return defaultSerialize({ value, expires });
  return expires === undefined ? `{"value":${json}}` : `{"value":${json},"expires":${expires}}`;
}

/** Reads a stored text back; undefined when it holds no value (keyv's "null"). */
export function unwrap<T>(text: string): Unwrapped<T> | undefined {
  const data = (MAYBE_COLON_STRING.test(text) ? defaultDeserialize(text) : JSON.parse(text)) as { value?: T; expires?: unknown } | null;
  if (data === null || typeof data !== "object" || data.value === undefined) return undefined;
  return { value: data.value, expires: typeof data.expires === "number" ? data.expires : undefined };
}
