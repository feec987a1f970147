import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MESSENGERS, type Stage } from "../helpers/messengers.js";

describe.each(MESSENGERS)("a resident on $name who leaves a form half-way, or types instead of tapping", (messenger) => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("'меню' pauses the complaint: a typed question is answered, not stored as the village, until they resume", async () => {
    const olha = stage.resident(1, "Ольга");
    await olha.start();
    await olha.press("📝 Проблема");
    await olha.press("🛣 Дороги");
    const menu = await olha.say("меню");
    expect(menu.buttons).toContain("▶️ Продовжити скаргу");
    await olha.say("коли відремонтують дороги в селі?");
    // The answer, then the reminder (one event brings both; the keyboard is on the last).
    const reminder = await vi.waitFor(() => {
      const screen = olha.history().find((shown) => shown.text.includes("Вашу анкету відкладено"));
      if (!screen) throw new Error("no reminder yet");
      return screen;
    });
    expect(reminder.buttons).toContain("▶️ Продовжити скаргу");
    expect(olha.history().some((screen) => screen.text.includes("Поліпшення дорожньої інфраструктури"))).toBe(true);
    const resumed = await olha.press("▶️ Продовжити скаргу");
    expect(resumed.text).toContain("У якому селі");
    const description = await olha.say("Коростишів");
    expect(description.text).toContain("Опишіть проблему");
  });

  it("a photo sent while the form is paused gets the reminder, not 'this is not a phone number'", async () => {
    const ivan = stage.resident(2, "Іван");
    await ivan.start();
    await ivan.press("📝 Проблема");
    await ivan.press("🛣 Дороги");
    await ivan.say("Коростишів");
    await ivan.say("Яма на дорозі біля школи");
    const contact = await ivan.press("➡ Пропустити");
    expect(contact.buttons).toContain("🕶 Анонімно");
    const programme = await ivan.say("/programme");
    expect(programme.buttons).toContain("▶️ Продовжити скаргу");
    const photo = await ivan.sendPhoto();
    expect(photo.text).toContain("Вашу анкету відкладено");
    expect(photo.text).not.toContain("номер");
    const back = await ivan.press("▶️ Продовжити скаргу");
    expect(back.buttons).toContain("🕶 Анонімно");
  });

  it("takes typed words that name one button: a category word, 'так' at consent; a description needs words", async () => {
    const petro = stage.resident(3, "Петро");
    await petro.start();
    await petro.press("📝 Проблема");
    const place = await petro.say("вода");
    expect(place.text).toContain("У якому селі");
    await petro.say("Черняхів");
    const refused = await petro.say("!!!!!!!!");
    expect(refused.text).toContain("Опишіть проблему словами");
    await petro.say("Немає води третій день");
    await petro.press("➡ Пропустити");
    const consent = await petro.say("067 123 45 60");
    expect(consent.text).toContain("погоджуєтеся");
    const summary = await petro.say("так");
    expect(summary.text).toContain("Вода");
    expect(summary.text).toContain("+380671234560");
    expect(summary.buttons).toContain("✅ Надіслати");
  });

  it("in a sign-up, 'возити' ticks a way to help and 'вечорами' picks evenings", async () => {
    const anna = stage.resident(4, "Анна");
    await anna.start();
    await anna.press("🙋 Волонтерство");
    await anna.say("Анна Коваль");
    await anna.say("067 123 45 61");
    await anna.say("Житомир");
    const ticked = await anna.say("возити");
    expect(ticked.buttons).toContain("✅ 🚗 Можу возити");
    await anna.press("✔️ Готово");
    const consent = await anna.say("вечорами");
    expect(consent.text).toContain("погоджуєтеся");
    const summary = await anna.say("так");
    expect(summary.text).toContain("Вечори");
    expect(stage.errors()).toEqual([]);
  });
});
