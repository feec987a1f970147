import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, type Stage } from "../helpers/messengers.js";
import type { ResidentDriver } from "../helpers/residents.js";

/** A complaint up to its summary: roads, Рудня of Баранівська громада, a description, anonymous. */
async function toSummary(resident: ResidentDriver, text: string) {
  await resident.start();
  await resident.press("📝 Проблема");
  await resident.press("🛣 Дороги");
  await resident.say("Рудня");
  await resident.press("Рудня — Баранівська громада");
  await resident.say(text);
  await resident.press("➡ Пропустити");
  return resident.press("🕶 Анонімно");
}

describe.each(MESSENGERS)("a resident on $name reads their reports and checks a form before it goes", (messenger) => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("asks before throwing a finished complaint away, and editing one answer returns straight to the summary", async () => {
    const olha = stage.resident(1, "Ольга");
    await toSummary(olha, "Яма на дорозі біля клубу");
    const ask = await olha.press("✖ Скасувати");
    expect(ask.text).toContain("Скасувати й видалити все");
    expect(ask.buttons).toEqual(["🗑 Так, видалити", "↩️ Ні, повернутися"]);
    const kept = await olha.press("↩️ Ні, повернутися");
    expect(kept.text).toContain("Яма на дорозі біля клубу");

    await olha.press("✏️ Змінити");
    await olha.press("Опис");
    const summary = await olha.say("Яма на дорозі біля клубу, глибока");
    expect(summary.text).toContain("Опис: Яма на дорозі біля клубу, глибока");
    expect(summary.buttons).toContain("✅ Надіслати");

    await olha.press("✖ Скасувати");
    const gone = await olha.press("🗑 Так, видалити");
    expect(gone.text).toContain("Скасовано");
  });

  it("'My reports' shows topic, place, date, history and the organisers' answer; an answered question is 'answered'", async () => {
    const ivan = stage.resident(2, "Іван");
    await toSummary(ivan, "Не ходить автобус до райцентру");
    const sent = await ivan.press("✅ Надіслати");
    const ref = /C-\d+/.exec(sent.text)?.[0] ?? "";
    await stage.group.card(ref);
    await stage.group.press(ref, "🔧 В роботу");
    await ivan.receive("взялися");
    await stage.group.reply(ref, "Перевізник відновить рейс з понеділка");
    await ivan.receive("Перевізник відновить");

    await ivan.say("/question");
    await ivan.say("Коли прийом у депутата?");
    const asked = await ivan.press("✅ Надіслати");
    const question = /Q-\d+/.exec(asked.text)?.[0] ?? "";
    await stage.group.card(question);
    await stage.group.reply(question, "У четвер о 10:00");
    await ivan.receive("У четвер о 10:00");

    const list = await ivan.say("/status");
    expect(list.text).toMatch(new RegExp(`${ref} · 🛣 Дороги · Рудня · \\d{2}\\.\\d{2}\\.\\d{2,4} · у роботі`));
    expect(list.text).toContain(`${question} · питання`);
    expect(list.text).toMatch(new RegExp(`${question} · .* · є відповідь`));
    const one = await ivan.press(ref);
    expect(one.text).toContain("Населений пункт: Рудня (Баранівська громада, Звягельський район)");
    expect(one.text).toMatch(/Історія: .* нове → .* у роботі/);
    expect(one.text).toContain("Відповідь організаторів: Перевізник відновить рейс з понеділка");
    expect(stage.errors()).toEqual([]);
  });

  it("ticking ways to help edits the message in place on Telegram (Viber, which cannot edit, gets it anew); consent has one 'no'", async () => {
    const anna = stage.resident(3, "Анна");
    await anna.start();
    await anna.press("🙋 Волонтерство");
    await anna.say("Анна Коваль");
    await anna.say("067 123 45 62");
    await anna.say("Житомир");
    const before = anna.history().length;
    await anna.press("⬜ 🚗 Можу возити");
    const both = await anna.press("⬜ 🚪 Обхід по домівках");
    expect(both.buttons).toEqual(expect.arrayContaining(["✅ 🚗 Можу возити", "✅ 🚪 Обхід по домівках"]));
    expect(anna.history().length).toBe(messenger.name === "telegram" ? before : before + 2);
    const availability = await anna.press("✔️ Готово");
    expect(availability.buttons).toContain("Вечори");
    // One "no" per step: the consent step's own "no", and no "cancel" beside it.
    const consent = await anna.press("Вечори");
    expect(consent.buttons).toEqual(expect.arrayContaining(["✖ Ні", "⬅ Назад"]));
    expect(consent.buttons).not.toContain("✖ Скасувати");
    expect(stage.errors()).toEqual([]);
  });

  it("'back' on a form's first step returns to the programme item it was started from, or to the menu", async () => {
    const petro = stage.resident(4, "Петро");
    await petro.start();
    await petro.press("📖 Програма");
    await petro.press("Соціально-гуманітарний розвиток");
    await petro.press("Медицина і ФАПи");
    const ask = await petro.press("❓ Запитати");
    expect(ask.text).toContain("Напишіть своє питання");
    const item = await petro.press("⬅ Назад");
    expect(item.text).toContain("збереження мережі ФАПів");
    expect(item.buttons).toContain("❓ Запитати");

    await petro.press("🏠 Головне меню");
    await petro.press("📝 Проблема");
    const menu = await petro.press("⬅ Назад");
    expect(menu.text).not.toContain("Скасовано");
    expect(menu.buttons).toContain("📝 Проблема");
  });
});
