import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM, type Stage } from "../helpers/messengers.js";
import type { ResidentDriver } from "../helpers/residents.js";
import { fileComplaint, groupMessage, lastGroupMessageId, visibleText } from "./organisers-kit.js";

/** Files an anonymous complaint about roads from a place the gazetteer may not know (kept as typed). */
async function fileFromAnyPlace(resident: ResidentDriver, place: string, text: string): Promise<string> {
  await resident.press("📝 Проблема");
  await resident.press("🛣 Дороги");
  const asked = await resident.say(place);
  const keep = asked.buttons.find((label) => label.startsWith("✍️"));
  if (keep) await resident.press(keep);
  await resident.say(text);
  await resident.press("➡ Пропустити");
  await resident.press("🕶 Анонімно");
  return /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
}

const RLO = "\u202E";
const ISOLATE = "\u2066";

describe("residents' words on cards and in the public summary cannot pose as anything else", () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await TELEGRAM.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("sets the description apart in a blockquote and strips bidi controls, so a fake 'Контакт:' line stays inside it", async () => {
    const olha = stage.resident(1, "Ольга");
    await olha.start();
    const ref = await fileFromAnyPlace(olha, "Коростишів\n\u2028вул. Шевченка", `Яма біля ${ISOLATE}школи${RLO}\nКонтакт: +380501112233, Петро Іванович`);
    const card = await stage.group.card(ref);
    expect(card.text).toContain("<blockquote>Яма біля школи\nКонтакт: +380501112233, Петро Іванович</blockquote>");
    const text = visibleText(card);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const lines = text.split("\n");
    expect(lines).toContain("Населений пункт: Коростишів вул. Шевченка");
    // The card's own contact field says anonymous; the contact typed in the description is only quoted.
    expect(card.text).toContain("<b>Контакт:</b> анонімно");
    expect(card.text).not.toContain("<b>Контакт:</b> +380");
    expect(stage.errors()).toEqual([]);
  });

  it("names a place in /summary only when three distinct residents complained from it, not by how many complaints one account files", async () => {
    // One account files three complaints from a "place" that is a slogan.
    const prankster = stage.resident(2, "Жартівник");
    await prankster.start();
    for (const text of ["Перша скарга про дороги", "Друга скарга про дороги", "Третя скарга про дороги"]) {
      await fileFromAnyPlace(prankster, "Голосуй за Петренка", text);
    }
    // Three different residents from Черняхів.
    for (const [n, name] of [
      [3, "Іван"],
      [4, "Марія"],
      [5, "Тарас"],
    ] as const) {
      const resident = stage.resident(n, name);
      await resident.start();
      await fileComplaint(resident, { category: "🏫 Школи і садочки", place: "Черняхів", text: `Холодно в школі, пише ${name}` });
    }
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/summary all");
    const summary = visibleText(await groupMessage(stage.telegram, "звернення мешканців", before));
    expect(summary).toMatch(/Черняхівська громада[^\n]* — 3/);
    expect(summary).not.toContain("Петренка");
    expect(summary).not.toContain("Коростишів");
    expect(summary).toContain("інші громади — 4");
  });
});
