import { afterAll, beforeAll, describe, expect, it } from "vitest";
import organisation from "../../locales/content/organisation.json" with { type: "json" };
import { MESSENGERS, type Stage } from "../helpers/messengers.js";

describe.each(MESSENGERS)("a resident on $name who asks the bot about itself gets the intent's answer before any programme item", (messenger) => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("'як подати скаргу?' explains how to complain, not taxes, and its button starts the complaint", async () => {
    const resident = stage.resident(1, "Ганна");
    await resident.start();
    const answer = await resident.say("як подати скаргу?");
    expect(answer.text).toContain("Скаргу можна подати тут, у боті");
    expect(answer.text).not.toContain("податкової");
    expect(answer.buttons).toEqual(expect.arrayContaining(["📝 Проблема", "🏠 Головне меню"]));
    const categories = await resident.press("📝 Проблема");
    expect(categories.buttons).toEqual(expect.arrayContaining(["🛣 Дороги", "❓ Інше"]));
    expect(stage.errors()).toEqual([]);
  });

  it("understands volunteering typed in Latin letters and starts the sign-up from the answer's button", async () => {
    const resident = stage.resident(2, "Petro");
    await resident.start();
    const answer = await resident.say("hochu staty volonterom");
    expect(answer.text).toContain("Запишіться волонтером");
    expect((await resident.press("🙋 Волонтерство")).text).toContain("Як до вас звертатися?");
  });

  it("answers where the office is with the organisation's contacts, and a greeting with the choices", async () => {
    const resident = stage.resident(3, "Марія");
    await resident.start();
    expect((await resident.say("де ваш офіс?")).text).toContain(organisation.contacts.uk);
    const greeting = await resident.say("Добрий день!");
    expect(greeting.text).toContain("Вітаю!");
    expect(greeting.buttons).toEqual(expect.arrayContaining(["📖 Програма", "❓ Запитати"]));
  });

  it("still answers a topic that comes with a greeting from the programme", async () => {
    const resident = stage.resident(4, "Олег");
    await resident.start();
    const answer = await resident.say("Добрий день, коли відремонтують дорогу в нашому селі?");
    expect(answer.text).toContain("Поліпшення дорожньої інфраструктури");
  });
});
