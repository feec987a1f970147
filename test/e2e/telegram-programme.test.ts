import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { buttonsOf, TelegramResident, visibleText } from "../helpers/chat.js";
import { startViche, type RunningViche } from "../helpers/viche.js";

describe("Telegram: a resident reads the programme and asks about it", () => {
  let double: TelegramDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    double = await startTelegramDouble();
    viche = await startViche({ telegram: double });
  });
  afterAll(async () => {
    await viche?.stop();
    await double?.close();
  });

  it("sets a Ukrainian and an English command menu", async () => {
    expect(double.commands({ type: "all_private_chats" }).map((c) => c.command)).toContain("programme");
    expect(double.commands({ type: "all_private_chats" }).find((c) => c.command === "complaint")?.description).toBe("Повідомити про проблему");
    expect(double.commands({ type: "all_private_chats" }, "en").find((c) => c.command === "complaint")?.description).toBe("Report a problem");
  });

  it("answers /start, /programme, a section, an item and a question in Ukrainian, then in English after /language", async () => {
    const olha = new TelegramResident(double, { id: 501, first_name: "Ольга", language_code: "uk" });

    const welcome = await olha.say("/start flyer_korostyshiv");
    expect(visibleText(welcome)).toContain("Вітаємо");
    expect(buttonsOf(welcome)).toEqual(expect.arrayContaining(["📖 Програма", "📝 Проблема", "🙋 Волонтерство"]));

    const sections = await olha.say("/programme");
    expect(buttonsOf(sections)).toEqual(expect.arrayContaining(["Наші принципи", "Соціально-гуманітарний розвиток"]));

    const section = await olha.press("Соціально-гуманітарний розвиток");
    expect(visibleText(section)).toContain("Соціально-гуманітарний розвиток");
    expect(buttonsOf(section)).toContain("Медицина і ФАПи");

    const item = await olha.press("Медицина і ФАПи");
    expect(visibleText(item)).toContain("збереження мережі ФАПів");
    expect(buttonsOf(item)).toEqual(expect.arrayContaining(["⬅ До розділу", "Наступний ➡", "🏠 Головне меню"]));

    const back = await olha.press("⬅ До розділу");
    expect(buttonsOf(back)).toContain("Медицина і ФАПи");

    const answer = await olha.say("коли відремонтують дороги в селі?");
    expect(visibleText(answer)).toContain("Поліпшення дорожньої інфраструктури");

    const none = await olha.say("яка завтра погода?");
    expect(visibleText(none)).toContain("У програмі немає відповіді");
    expect(buttonsOf(none)).toContain("📨 Так, передати організаторам");

    const language = await olha.say("/language");
    const english = await olha.press("🇬🇧 English");
    expect(visibleText(english)).toContain("English");
    expect(visibleText(language)).toContain("Choose your language");

    const sectionsEn = await olha.say("/programme");
    expect(buttonsOf(sectionsEn)).toContain("Social and humanitarian development");
    const sectionEn = await olha.press("Social and humanitarian development");
    const itemEn = await olha.press("Healthcare and village medical posts");
    expect(visibleText(itemEn)).toContain("accessible and quality medical services");
    expect(buttonsOf(sectionEn)).toContain("Fair utility tariffs");

    const answerEn = await olha.say("when will you fix the roads?");
    expect(visibleText(answerEn)).toContain("Improving the road infrastructure");

    expect(double.errors).toEqual([]);
  });

  it("greets an English-speaking Telegram user in English and can switch back", async () => {
    const john = new TelegramResident(double, { id: 502, first_name: "John", language_code: "en" });
    const welcome = await john.say("/start");
    expect(visibleText(welcome)).toContain("Welcome");
    await john.say("/language");
    const ukrainian = await john.press("🇺🇦 Українська");
    expect(visibleText(ukrainian)).toContain("українською");
  });

  it("browses every section and item without a message Telegram would refuse", async () => {
    const petro = new TelegramResident(double, { id: 503, first_name: "Петро" });
    await petro.say("/start");
    for (const section of viche.app.content.programmes.uk.sections) {
      await petro.say("/programme");
      const list = await petro.press(section.title);
      for (const item of section.items) expect(buttonsOf(list)).toContain(item.title);
      for (const item of section.items) {
        const shown = await petro.press(item.title);
        expect(visibleText(shown)).toContain(item.text.trim());
        await petro.press("⬅ До розділу");
      }
    }
    expect(double.errors).toEqual([]);
  });

  it("keeps the deep-link source and answers stickers with what to do instead", async () => {
    const resident = await viche.app.core.residents.get({ channel: "telegram", id: "501" });
    expect(resident?.source).toBe("flyer_korostyshiv");
    const anna = new TelegramResident(double, { id: 504, first_name: "Анна" });
    await anna.say("/start");
    const sticker = await anna.sendSticker();
    expect(visibleText(sticker)).toContain("не вмію читати стікери");
  });
});
