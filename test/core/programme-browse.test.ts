import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/app.js";
import { createTranslator } from "../../src/core/i18n.js";
import { SECTION_TEXT_LIMIT, sectionMessages } from "../../src/core/features/programme.js";
import type { Programme } from "../../src/core/programme/programme.js";

const translator = createTranslator(LOCALES_DIR);
const t = (key: string, args?: Record<string, string | number>) => translator.t("uk", key, args);

describe("a long programme section", () => {
  it("is cut between items into messages that fit, the item buttons on the last one", () => {
    const items = [1, 2, 3, 4].map((n) => ({ id: `long.${n}`, title: `Пункт ${n}`, text: `${"слово ".repeat(250)}кінець ${n}` }));
    const programme: Programme = { language: "uk", title: "Програма", sections: [{ id: "long", title: "Довгий розділ", items }] };
    const messages = sectionMessages(programme, "long", t) ?? [];
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    const text = messages.map((message) => message.text).join("\n\n");
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`${n}. слово`);
    for (const n of [1, 2, 3, 4]) expect(messages.filter((message) => message.text.includes(`кінець ${n}`))).toHaveLength(1);
    expect(messages.slice(0, -1).every((message) => message.buttons === undefined)).toBe(true);
    expect(
      messages
        .at(-1)
        ?.buttons?.flat()
        .map((button) => button.label),
    ).toContain("Пункт 4");
  });
});
