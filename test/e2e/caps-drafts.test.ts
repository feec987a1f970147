import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, type Stage } from "../helpers/messengers.js";
import type { ResidentDriver, Screen } from "../helpers/residents.js";
import { visibleText } from "./organisers-kit.js";

const DAY_MS = 24 * 3600 * 1000;

/** A complaint filled in up to its summary, with a description of its own. */
async function draft(resident: ResidentDriver, description: string): Promise<Screen> {
  await resident.press("📝 Проблема");
  await resident.press("🛣 Дороги");
  await resident.say("Олевськ");
  await resident.say(description);
  await resident.press("➡ Пропустити");
  return resident.press("🕶 Анонімно");
}

describe.each(MESSENGERS)("a resident on $name past the daily cap keeps the draft", (messenger) => {
  let stage: Stage;
  // The app's clock runs this far ahead of the real one: moving it lets a day pass.
  let aheadMs = 0;

  beforeAll(async () => {
    stage = await messenger.stage({ env: { REPORTS_PER_DAY: "2" }, now: () => Date.now() + aheadMs });
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("is told it is kept, sees it again on 'continue', and sends it the next day; the group never sees more than the cap", async () => {
    const descriptions = ["Перша яма біля мосту", "Друга яма біля школи", "Третя яма на виїзді з міста, глибока"];
    const cardsOfHers = (): number => stage.group.messages.filter((message) => descriptions.some((text) => visibleText(message).includes(text))).length;
    const drainOutbox = async (): Promise<void> => {
      while ((await stage.viche.app.outbox.pendingLanes()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const olena = stage.resident(1, "Олена");
    await olena.start();
    for (const text of descriptions.slice(0, 2)) {
      await draft(olena, text);
      expect((await olena.press("✅ Надіслати")).text).toMatch(/Номер вашого звернення C-\d+/);
    }

    await draft(olena, descriptions[2] ?? "");
    const held = await olena.press("✅ Надіслати");
    expect(held.text).toContain("Звернення ще не надіслано, але воно збережене");
    expect(held.text).toContain("Завтра натисніть «▶️ Продовжити скаргу», а тоді «✅ Надіслати»");
    expect(held.buttons).toContain("▶️ Продовжити скаргу");

    // The same draft, word for word, one tap away; sending again today keeps it again.
    const again = await olena.press("▶️ Продовжити скаргу");
    expect(again.text).toContain(descriptions[2]);
    expect(again.buttons).toContain("✅ Надіслати");
    expect((await olena.press("✅ Надіслати")).text).toContain("воно збережене");
    await drainOutbox();
    expect(cardsOfHers()).toBe(2);

    aheadMs = DAY_MS + 3600 * 1000;
    const nextDay = await olena.press("▶️ Продовжити скаргу");
    expect(nextDay.text).toContain(descriptions[2]);
    const sent = await olena.press("✅ Надіслати");
    const ref = /C-\d+/.exec(sent.text)?.[0] ?? "";
    expect(sent.text).toContain(`Номер вашого звернення ${ref}`);
    expect(visibleText(await stage.group.card(ref))).toContain(descriptions[2]);
    await drainOutbox();
    expect(cardsOfHers()).toBe(3);
    expect(stage.errors()).toEqual([]);
  });
});
