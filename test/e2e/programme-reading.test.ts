import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, type Stage } from "../helpers/messengers.js";

describe.each(MESSENGERS)("a resident on $name reads a programme section without tapping every item", (messenger) => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("shows a section's items numbered, with item buttons, and 'next section' continues", async () => {
    const olha = stage.resident(1, "Ольга");
    await olha.start();
    await olha.press("📖 Програма");
    const principles = await olha.press("Наші принципи");
    expect(principles.text).toContain("У розділі 5 пунктів:");
    expect(principles.text).toContain("1. «соціальної справедливості», відкритості;");
    expect(principles.text).toMatch(/\n5\. /);
    expect(principles.buttons).toEqual(expect.arrayContaining(["Соціальна справедливість", "📚 Усі розділи", "Наступний розділ ➡"]));

    const goals = await olha.press("Наступний розділ ➡");
    expect(goals.text).toContain("Наша мета");
    expect(goals.text).toMatch(/\n1\. .+\n\n2\. /);
    const economy = await olha.press("Наступний розділ ➡");
    expect(economy.text).toContain("У розділі 11 пунктів:");
    expect(economy.text).toMatch(/\n11\. /);
    expect(stage.errors()).toEqual([]);
  });

  it("after a section's last item, 'next' opens the next section", async () => {
    const ivan = stage.resident(2, "Іван");
    await ivan.start();
    await ivan.press("📖 Програма");
    const principles = await ivan.press("Наші принципи");
    const last = principles.buttons[4] ?? "";
    const item = await ivan.press(last);
    expect(item.buttons).not.toContain("Наступний ➡");
    const next = await ivan.press("Наступний розділ ➡");
    expect(next.text).toContain("Наша мета");
  });

  it("says 'at least 5 characters' with the right plural form", async () => {
    const petro = stage.resident(3, "Петро");
    await petro.start();
    await petro.press("📝 Проблема");
    await petro.press("🛣 Дороги");
    await petro.say("Коростишів");
    const short = await petro.say("ой");
    expect(short.text).toContain("Занадто коротко: напишіть хоча б 5 символів.");
  });
});
