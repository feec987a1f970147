import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../src/app.js";
import { ContentError, loadContent } from "../src/core/content.js";
import { createTranslator } from "../src/core/i18n.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONTENT = join(LOCALES_DIR, "content");
const ORIGINAL = join(ROOT, "..", "shared", "content", "programme-zhytomyr.uk.txt");

function withBrokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "viche-content-"));
  try {
    cpSync(CONTENT, dir, { recursive: true });
    edit(dir);
    loadContent(dir);
    return "loaded";
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("content", () => {
  it("loads the bundled Zhytomyr programme in both languages with the same items", () => {
    const content = loadContent(CONTENT);
    const ids = (locale: "uk" | "en") => content.programmes[locale].sections.flatMap((section) => section.items.map((item) => item.id));
    expect(ids("uk").length).toBeGreaterThanOrEqual(25);
    expect(ids("en")).toEqual(ids("uk"));
    expect(content.organisation.complaintCategories.length).toBeGreaterThanOrEqual(9);
    expect(content.organisation.complaintCategories.at(-1)?.id).toBe("other");
  });

  it.runIf(existsSync(ORIGINAL))("keeps every Ukrainian item's text exactly as the original programme has it", () => {
    const lines = readFileSync(ORIGINAL, "utf8").split("\n");
    const content = loadContent(CONTENT);
    for (const section of content.programmes.uk.sections) {
      for (const item of section.items) expect(lines, item.id).toContain(item.text);
    }
  });

  it("stops the start with the file and the field when content is broken", () => {
    const title = withBrokenCopy((dir) => {
      const file = join(dir, "programme.en.json");
      const programme = JSON.parse(readFileSync(file, "utf8")) as { sections: { items: { title: string; id: string }[] }[] };
      programme.sections[2]!.items[0]!.title = "x".repeat(200);
      writeFileSync(file, JSON.stringify(programme));
    });
    expect(title).toMatch(/programme\.en\.json: field sections\.2\.items\.0\.title/);
    const json = withBrokenCopy((dir) => writeFileSync(join(dir, "organisation.json"), "{ not json"));
    expect(json).toMatch(/organisation\.json is not valid JSON/);
    const ids = withBrokenCopy((dir) => {
      const file = join(dir, "programme.en.json");
      const programme = JSON.parse(readFileSync(file, "utf8")) as { sections: { items: { title: string; id: string }[] }[] };
      programme.sections[0]!.items[0]!.id = "intro.renamed";
      writeFileSync(file, JSON.stringify(programme));
    });
    expect(ids).toMatch(/programme\.en\.json: .* does not match programme\.uk\.json/);
    const vocabulary = withBrokenCopy((dir) => {
      const file = join(dir, "vocabulary.json");
      const words = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      words["economy.unknown"] = { uk: ["x"], ru: [], en: [] };
      writeFileSync(file, JSON.stringify(words));
    });
    expect(vocabulary).toMatch(/vocabulary\.json: field economy\.unknown: no programme item has this id/);
    const missing = withBrokenCopy((dir) => rmSync(join(dir, "programme.uk.json")));
    expect(missing).toMatch(/programme\.uk\.json is missing/);
  });

  it("stops the start with the file and the field when the places or their renamings are broken", () => {
    const hromada = withBrokenCopy((dir) => {
      const file = join(dir, "places.json");
      const places = JSON.parse(readFileSync(file, "utf8")) as { settlements: { hromada: string }[] };
      const settlement = places.settlements[5];
      if (settlement) settlement.hromada = "UA18999999999999999";
      writeFileSync(file, JSON.stringify(places));
    });
    expect(hromada).toMatch(/places\.json: field settlements\.5\.hromada: no hromada has this code/);
    const renaming = withBrokenCopy((dir) => {
      const file = join(dir, "place-renamings.json");
      writeFileSync(file, JSON.stringify({ renamings: [{ old: "Щорс", code: "UA18999999999999999" }] }));
    });
    expect(renaming).toMatch(/place-renamings\.json: field renamings\.0\.code: no settlement/);
    expect(withBrokenCopy((dir) => rmSync(join(dir, "place-renamings.json")))).toBe("loaded");
    expect(withBrokenCopy((dir) => rmSync(join(dir, "places.json")))).toMatch(/places\.json is missing/);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("locales", () => {
  const translator = createTranslator(LOCALES_DIR);

  it("has every message in both Ukrainian and English", () => {
    const uk = translator.keys("uk").sort();
    const en = translator.keys("en").sort();
    expect(en.filter((key) => !uk.includes(key))).toEqual([]);
    expect(uk.filter((key) => !en.includes(key))).toEqual([]);
  });

  it("has every message the code asks for by name", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(ROOT, "src"))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/\bt\(\s*"([a-z0-9_-]+)"/g)) if (match[1]) used.add(match[1]);
      for (const match of source.matchAll(/(?:key|editLabel|label):\s*"([a-z][a-z0-9_]*-[a-z0-9_-]+)"/g)) if (match[1]) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !translator.has("uk", key))).toEqual([]);
  });

  it("has the messages the code builds from a name (statuses, kinds, reasons, commands)", () => {
    const families = {
      status: ["new", "in_progress", "resolved", "rejected"],
      "status-notice": ["in_progress", "resolved", "rejected"],
      kind: ["complaint", "volunteer", "question"],
      topic: ["complaint", "volunteer", "question"],
      "group-undeliverable": ["blocked", "not-subscribed", "too-many", "chat-not-found", "rejected", "unavailable", "rate-limited"],
      unsupported: ["sticker", "voice", "video", "document", "audio", "animation", "poll", "edit", "too-big", "other"],
      "input-kind": ["contact", "location", "photo"],
      menu: ["programme", "question", "complaint", "volunteer", "reports", "language"],
      words: ["menu", "programme", "complaint", "volunteer", "question", "cancel", "help"],
      resume: ["complaint", "volunteer", "question"],
      teach: ["taught", "unknown-ref", "not-a-question", "no-reply", "unknown-item"],
    };
    const missing = Object.entries(families).flatMap(([prefix, names]) =>
      names.map((name) => `${prefix}-${name}`).filter((key) => !translator.has("uk", key) || !translator.has("en", key)),
    );
    expect(missing).toEqual([]);
  });
});
