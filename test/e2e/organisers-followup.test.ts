import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, type Stage } from "../helpers/messengers.js";
import { ORGANISERS_CHAT_ID } from "../helpers/viche.js";
import { buttonsOf, fileComplaint, groupMessage, kyivTime, lastGroupMessageId, visibleText } from "./organisers-kit.js";

describe.each(MESSENGERS)("joining, follow-ups and idle reports for residents on $name", (messenger) => {
  let stage: Stage;
  let shared = "";

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("offers to join an open report by its public facts only; a follower hears status changes, and replies only when organisers answer all", async () => {
    const anna = stage.resident(1, "Анна");
    const borys = stage.resident(2, "Борис");
    await anna.start();
    await borys.start();
    shared = await fileComplaint(anna, { category: "🔦 Освітлення вулиць", place: "Малин", text: "Не світять ліхтарі на вулиці Шевченка вже тиждень" });
    await stage.group.card(shared);

    await borys.press("📝 Проблема");
    await borys.press("🔦 Освітлення вулиць");
    await borys.say("малин");
    await borys.say("На вулиці Шевченка ліхтарі не світять, темно");
    await borys.press("➡ Пропустити");
    const summary = await borys.press("🕶 Анонімно");
    expect(summary.text).toContain(
      `Схожу проблему тут уже повідомили — звернення ${shared}: 🔦 Освітлення вулиць, Малин (Малинська громада, Коростенський район), від `,
    );
    expect(summary.text).toContain("стосується мешканців: 1");
    // Never Анна's words (they could carry her address, her family, her name).
    expect(summary.text).not.toMatch(/тиждень|Не світять ліхтарі/);
    expect(summary.buttons).toEqual(expect.arrayContaining([`🤝 Приєднатися до ${shared}`, "✅ Надіслати"]));
    const joined = await borys.press(`🤝 Приєднатися до ${shared}`);
    expect(joined.text).toContain(`Ви приєдналися до звернення ${shared}`);

    const card = await stage.group.card(shared, "Стосується: 2 мешканців");
    const note = await stage.group.note("приєднався ще один мешканець (разом 2)");
    expect(visibleText(note)).toContain("ліхтарі не світять, темно");
    expect(note.replyTo).toBe(card.messageId);
    expect(stage.group.cardsFor(shared)).toHaveLength(1);

    expect(visibleText(card)).toContain("Відповіді отримує: лише автор");

    // A reply to the card goes to its author only…
    await stage.group.reply(shared, "Анно, уточніть, будь ласка, номер будинку");
    expect((await anna.receive("номер будинку")).text).toContain(shared);
    await stage.group.press(shared, "🔧 В роботу");
    await anna.receive("взялися");
    // …status changes go to everyone it affects.
    await borys.receive("взялися");
    expect(borys.history().some((screen) => screen.text.includes("номер будинку"))).toBe(false);

    // Organisers choose on the card to answer all: now both hear it.
    await stage.group.press(shared, "📣 Відповідати всім 2");
    await stage.group.card(shared, "Відповіді отримує: усі 2 мешканців");
    await stage.group.reply(shared, "Заявку передали в громаду, електрик буде в четвер");
    expect((await anna.receive("електрик буде в четвер")).text).toContain(shared);
    expect((await borys.receive("електрик буде в четвер")).text).toContain(shared);
    await stage.group.note(`Надіслано всім 2 мешканцям (${shared})`);

    const mine = await borys.say("/status");
    expect(mine.text).toContain(shared);
    // A follower sees only the public part of the report.
    const one = await borys.say(`/status ${shared}`);
    expect(one.text).toContain(
      "Ви приєдналися до цього звернення: 🔦 Освітлення вулиць, Малин (Малинська громада, Коростенський район); стосується мешканців: 2.",
    );
    expect(one.text).not.toMatch(/тиждень|Не світять ліхтарі/);
    const own = await anna.say(`/status ${shared}`);
    expect(own.text).toContain("Не світять ліхтарі на вулиці Шевченка вже тиждень");
    const answer = await borys.press("↩️ Відповісти").catch(() => undefined);
    if (answer) {
      expect(answer.text).toContain(shared);
      await borys.say("Дякую, чекаємо електрика");
      const joinerNote = await stage.group.note("Дякую, чекаємо електрика");
      expect(visibleText(joinerNote)).toContain(`приєднався до ${shared} (не автор)`);
    }
  });

  it("lets a resident send a separate report instead of joining", async () => {
    const vira = stage.resident(3, "Віра");
    await vira.start();
    await vira.press("📝 Проблема");
    await vira.press("🔦 Освітлення вулиць");
    await vira.say("Малин");
    await vira.say("Ліхтарі на вулиці Шевченка не світять");
    await vira.press("➡ Пропустити");
    const summary = await vira.press("🕶 Анонімно");
    expect(summary.buttons).toContain(`🤝 Приєднатися до ${shared}`);
    const sent = await vira.press("✅ Надіслати");
    const own = /C-\d+/.exec(sent.text)?.[0] ?? "";
    expect(own).not.toBe(shared);
    expect(sent.text).toContain(`Номер вашого звернення ${own}`);
    await stage.group.card(own);
    const card = await stage.group.card(shared);
    expect(visibleText(card)).toContain("Стосується: 2 мешканців");
    // Nothing similar elsewhere: a different place files straight away.
    const other = await fileComplaint(vira, { category: "🔦 Освітлення вулиць", place: "Овруч", text: "Не світять ліхтарі на вулиці Шевченка" });
    expect(other).not.toBe(shared);
  });

  it('asks the author of a resolved report whether it is really solved; "no" reopens it and tells the group under the card; nobody else can answer', async () => {
    const anna = stage.resident(1, "Анна");
    const borys = stage.resident(2, "Борис");
    await stage.group.press(shared, "✅ Вирішено");
    await anna.receive("вирішено");
    await borys.receive("вирішено");

    const early = await stage.viche.app.scheduler.tick(kyivTime(3, 10));
    expect(early.askedAbout).not.toContain(shared);
    const due = await stage.viche.app.scheduler.tick(kyivTime(8, 10));
    expect(due.askedAbout).toContain(shared);
    const question = await anna.receive("справді вирішено");
    expect(question.text).toContain(shared);
    expect(question.buttons).toEqual(expect.arrayContaining(["✅ Так, вирішено", "❌ Ні, проблема лишилася"]));
    // The follower is not asked (the question quotes Анна's words), and a forged answer from them is refused.
    expect(borys.history().some((screen) => screen.text.includes("справді вирішено"))).toBe(false);
    const forged = await borys.forgeButton(`fu:no:${shared}`);
    // Telegram: a forged callback reaches the follow-up, which refuses it. Viber: typed button data
    // that was never on this resident's keyboard is only text, never a press.
    if (messenger.name === "telegram") expect(forged.text).toContain("ми питали автора звернення");
    else expect(forged.text).not.toMatch(/ми питали автора|знову відкрили/);
    expect((await stage.viche.app.core.reports.get(shared))?.status).toBe("resolved");

    // Her answer and the status notice it causes may arrive in either order.
    const before = anna.history().length;
    await anna.press("❌ Ні, проблема лишилася");
    const since = () =>
      anna
        .history()
        .slice(before)
        .map((screen) => screen.text)
        .join("\n");
    for (const part of [`знову відкрили звернення ${shared}`, "взялися"]) if (!since().includes(part)) await anna.receive(part);
    expect(since()).toContain(`знову відкрили звернення ${shared}`);
    const card = await stage.group.card(shared, "у роботі");
    const note = await stage.group.note(`проблема ${shared} не вирішена`);
    expect(note.replyTo).toBe(card.messageId);
    expect(buttonsOf(card)).toEqual(["✅ Вирішено", "❌ Відхилити", "👤 Відповідати лише автору"]);

    if (messenger.name === "telegram") {
      // Inline buttons stay on the old message; Viber replaces the keyboard with the latest one.
      const late = await anna.press("✅ Так, вирішено");
      expect(late.text).toContain("вже знову в роботі");
    }
    // Asked once per resolution, however often the scheduler runs.
    expect((await stage.viche.app.scheduler.tick(kyivTime(9, 10))).askedAbout).not.toContain(shared);
  });

  it("notes in the group when a resident confirms the problem is solved", async () => {
    const dmytro = stage.resident(4, "Дмитро");
    await dmytro.start();
    const ref = await fileComplaint(dmytro, { category: "🚌 Транспорт", place: "м. Баранівка", text: "Автобус до райцентру не ходить у неділю" });
    await stage.group.press(ref, "✅ Вирішено");
    await dmytro.receive("вирішено");
    await stage.viche.app.scheduler.tick(kyivTime(10, 10));
    await dmytro.receive("справді вирішено");
    const thanks = await dmytro.press("✅ Так, вирішено");
    expect(thanks.text).toContain(`Звернення ${ref} закрите`);
    const note = await stage.group.note(`підтвердив, що ${ref} справді вирішено`);
    expect(note.replyTo).toBe((await stage.group.card(ref)).messageId);
  });

  it("lists reports nobody acted on for 3 days in the group, once a day, in the morning", async () => {
    const olena = stage.resident(5, "Олена");
    await olena.start();
    const idle = await fileComplaint(olena, { category: "🏫 Школи і садочки", place: "Любар", text: "У школі протікає дах у спортзалі" });
    await stage.group.card(idle);

    expect((await stage.viche.app.scheduler.tick(kyivTime(4, 7))).flaggedIdle).toEqual([]);
    const before = lastGroupMessageId(stage.telegram);
    const morning = await stage.viche.app.scheduler.tick(kyivTime(4, 10));
    expect(morning.flaggedIdle).toContain(idle);
    const digest = await groupMessage(stage.telegram, "Без дій організаторів понад 3 дн.", before);
    expect(visibleText(digest)).toContain(`${idle} · скарга · нове`);
    expect(visibleText(digest)).toContain("Любар");
    expect((await stage.viche.app.scheduler.tick(kyivTime(4, 15))).flaggedIdle).toEqual([]);
    expect(
      stage.telegram.messagesTo(ORGANISERS_CHAT_ID).filter((message) => message.messageId > before && visibleText(message).includes("Без дій організаторів")),
    ).toHaveLength(1);
  });

  it("sent nothing the platforms would refuse", () => {
    expect(stage.errors()).toEqual([]);
  });
});
