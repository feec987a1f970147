import { defaultDeserialize, defaultSerialize } from "@keyv/serialize";
import { describe, expect, it } from "vitest";
import { unwrap, wrap } from "../../src/storage/envelope.js";

// Records written by keyv (before this module, or by a tool using keyv) and by Viche must stay
// interchangeable: an operator's existing database is read after an upgrade, and back.
const VALUES: unknown[] = [
  { channel: "telegram", id: "42", locale: "uk", reports: ["C-1042"], lastButtons: [{ label: "📋 Програма", data: "prog" }] },
  ":) дякую, що відповіли",
  { text: ":начинається з двокрапки", nested: [":a", "b:", { deep: "::" }] },
  { "key,": ":value after a comma key", "a:": 1 },
  "plain",
  0,
  false,
  [1, "two", null],
  { note: 'quotes " and \\ backslashes ": inside' },
];

describe("keyv's stored form without keyv", () => {
  it("writes exactly what keyv writes, with and without an expiry", () => {
    for (const value of VALUES) {
      expect(wrap(value)).toBe(defaultSerialize({ value, expires: undefined }));
      expect(wrap(value, 1_764_000_000_000)).toBe(defaultSerialize({ value, expires: 1_764_000_000_000 }));
    }
  });

  it("reads what keyv wrote, colons and all", () => {
    for (const value of VALUES) {
      const stored = defaultSerialize({ value, expires: 1_764_000_000_000 });
      expect(unwrap(stored)).toEqual({ value: defaultDeserialize<{ value: unknown }>(stored).value, expires: 1_764_000_000_000 });
      expect(unwrap(wrap(value))?.value).toEqual(value);
    }
  });
});
