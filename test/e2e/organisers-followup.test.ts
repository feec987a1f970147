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

  it("offers to join an open report about the same problem; a follower hears replies and status changes too", async () => {
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
    expect(summary.text).toContain(`Схожу проблему тут уже повідомили — звернення ${shared}`);
    expect(summary.text).toContain("Не світять ліхтарі на вулиці Шевченка вже тиждень");
    expect(summary.buttons).toEqual(expect.arrayContaining([`🤝 Приєднатися до ${shared}`, "✅ Надіслати"]));
    const joined = await borys.press(`🤝 Приєднатися до ${shared}`);
    expect(joined.text).toContain(`Ви приєдналися до звернення ${shared}`);

    const card = await stage.group.card(shared, "Стосується: 2 мешканців");
    const note = await stage.group.note("приєднався ще один мешканець (разом 2)");
    expect(visibleText(note)).toContain("ліхтарі не світять, темно");
    expect(note.replyTo).toBe(card.messageId);
    expect(stage.group.cardsFor(shared)).toHaveLength(1);

    await stage.group.reply(shared, "Заявку передали в громаду, електрик буде в четвер");
    expect((await anna.receive("електрик буде в четвер")).text).toContain(shared);
    expect((await borys.receive("електрик буде в четвер")).text).toContain(shared);
    await stage.group.press(shared, "🔧 В роботу");
    await anna.receive("взялися");
    await borys.receive("взялися");

    const mine = await borys.say("/status");
    expect(mine.text).toContain(shared);
    const answer = await borys.press("↩️ Відповісти").catch(() => undefined);
    if (answer) {
      expect(answer.text).toContain(shared);
      await borys.say("Дякую, чекаємо електрика");
      await stage.group.note("Дякую, чекаємо електрика");
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

  it('asks the residents of a resolved report whether it is really solved; "no" reopens it and tells the group under the card', async () => {
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
    await borys.receive("справді вирішено");

    const reopened = await borys.press("❌ Ні, проблема лишилася");
    expect(reopened.text).toContain(`знову відкрили звернення ${shared}`);
    const card = await stage.group.card(shared, "у роботі");
    const note = await stage.group.note(`проблема ${shared} не вирішена`);
    expect(note.replyTo).toBe(card.messageId);
    expect(buttonsOf(card)).toEqual(["✅ Вирішено", "❌ Відхилити"]);
    await anna.receive("взялися");

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
