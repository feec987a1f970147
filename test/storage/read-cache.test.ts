// The SQLite store's memory of recent values stays within its bounds, whatever residents write.
import { describe, expect, it } from "vitest";
import { ReadCache } from "../../src/storage/read-cache.js";

describe("ReadCache", () => {
  it("keeps at most its number of entries, dropping the least recently used first", () => {
    const cache = new ReadCache({ entries: 3, chars: 1000 });
    for (const key of ["a", "b", "c"]) cache.put(key, { text: key });
    expect(cache.get("a")).toEqual({ text: "a" });
    cache.put("d", "absent");
    expect(cache.size).toBe(3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual({ text: "a" });
    expect(cache.get("d")).toBe("absent");
  });

  it("keeps at most its length of text, and never a text longer than that", () => {
    const cache = new ReadCache({ entries: 100, chars: 10 });
    cache.put("big", { text: "x".repeat(11) });
    expect(cache.get("big")).toBeUndefined();
    cache.put("a", { text: "aaaa" });
    cache.put("b", { text: "bbbb" });
    cache.put("c", { text: "cccc" });
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toEqual({ text: "bbbb" });
    // b was used last and shrank: adding d drops c, the least recently used, and keeps b.
    cache.put("b", { text: "b" });
    cache.put("d", { text: "dddddd" });
    expect(cache.get("c")).toBeUndefined();
    expect(cache.get("b")).toEqual({ text: "b" });
    expect(cache.get("d")).toEqual({ text: "dddddd" });
  });
});
