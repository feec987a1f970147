import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, type Stage } from "../helpers/messengers.js";
import { buttonsOf, visibleText } from "../helpers/organisers.js";

const HOSTILE = "Яма на дорозі <b>&amp; & <script>alert(1)</script> біля школи";

describe.each(MESSENGERS)("reports from a resident on $name reach the organisers and answers come back", (messenger) => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("files a complaint with a photo, a location and a shared phone; the card shows it exactly as typed", async () => {
    const olha = stage.resident(1, "Ольга");
    await olha.start("flyer_zhytomyr");
    const categories = await olha.press("📝 Проблема");
    expect(categories.buttons).toEqual(expect.arrayContaining(["🛣 Дороги", "🏥 Медицина, ФАП", "❓ Інше", "⬅ Назад", "✖ Скасувати"]));
    const settlement = await olha.press("🛣 Дороги");
    expect(settlement.text).toContain("У якому селі");
    const description = await olha.say("Коростишів");
    expect(description.text).toContain("Опишіть проблему");
    const attachments = await olha.say(HOSTILE);
    expect(attachments.text).toContain("фото");
    expect((await olha.sendPhoto()).text).toContain("Фото додано");
    expect((await olha.sendLocation(50.3167, 29.05)).text).toContain("Місце додано");
    const contact = await olha.press("➡ Далі");
    expect(contact.buttons).toEqual(expect.arrayContaining(["🕶 Анонімно"]));
    const consent = await olha.shareContact("+380671234567");
    expect(consent.text).toContain("погоджуєтеся");
    const summary = await olha.press("✅ Так, погоджуюся");
    expect(summary.text).toContain(HOSTILE);
    expect(summary.text).toContain("+380671234567");
    expect(summary.buttons).toEqual(expect.arrayContaining(["✅ Надіслати", "✏️ Змінити"]));
    const sent = await olha.press("✅ Надіслати");
    const ref = /C-\d+/.exec(sent.text)?.[0];
    expect(ref).toBeDefined();
    expect(sent.buttons).toContain("📖 Програма");

    const card = await stage.group.card(ref ?? "");
    const text = visibleText(card);
    expect(text).toContain(HOSTILE);
    expect(text).toContain("Дороги");
    expect(text).toContain("Коростишів");
    expect(text).toContain("+380671234567");
    expect(text).toContain(messenger.name === "telegram" ? "Telegram" : "Viber");
    expect(text).toContain("flyer_zhytomyr");
    expect(card.photo).toBeDefined();
    expect(buttonsOf(card)).toEqual(["🔧 В роботу", "✅ Вирішено", "❌ Відхилити"]);
    await stage.telegram.waitFor((message) => message.location !== undefined && message.replyTo === card.messageId, { timeoutMs: 10_000 });
    expect(stage.group.cardsFor(ref ?? "")).toHaveLength(1);
  });

  it("relays an organiser's reply to the resident and the resident's answer back under the card", async () => {
    const ivan = stage.resident(2, "Іван");
    await ivan.start();
    await ivan.press("📝 Проблема");
    await ivan.press("💡 Комуналка і тарифи");
    await ivan.say("Черняхів");
    await ivan.say("Платіжка за газ подвоїлася за місяць");
    await ivan.press("➡ Пропустити");
    const summary = await ivan.press("🕶 Анонімно");
    expect(summary.text).toContain("анонімно");
    const sent = await ivan.press("✅ Надіслати");
    const ref = /C-\d+/.exec(sent.text)?.[0] ?? "";
    const card = await stage.group.card(ref);
    expect(visibleText(card)).toContain("анонімно");
    expect(card.photo).toBeUndefined();

    await stage.group.reply(ref, "Добрий день! Ми надіслали запит до облгазу.");
    const relayed = await ivan.receive("облгазу");
    expect(relayed.text).toContain(`Відповідь щодо ${ref}`);
    expect(relayed.text).not.toContain("Оксана");
    await stage.group.note(`Надіслано мешканцю (${ref})`);

    const asking = await ivan.press("↩️ Відповісти");
    expect(asking.text).toContain(ref);
    const thanks = await ivan.say("Дякую, чекаю");
    expect(thanks.text).toContain("передано");
    const note = await stage.group.note("Дякую, чекаю");
    expect(note.replyTo).toBe(card.messageId);
  });

  it("moves a report through in progress, resolved and a rejection with a reason, telling the resident each time", async () => {
    const maria = stage.resident(3, "Марія");
    await maria.start();
    await maria.press("📝 Проблема");
    await maria.press("🏥 Медицина, ФАП");
    await maria.say("Іршанськ");
    await maria.say("ФАП працює лише двічі на тиждень");
    await maria.press("➡ Пропустити");
    await maria.press("🕶 Анонімно");
    const ref = /C-\d+/.exec((await maria.press("✅ Надіслати")).text)?.[0] ?? "";

    await stage.group.press(ref, "🔧 В роботу");
    expect((await maria.receive("взялися")).text).toContain(ref);
    const inProgress = await stage.group.card(ref, "у роботі");
    expect(buttonsOf(inProgress)).toEqual(["✅ Вирішено", "❌ Відхилити"]);

    await stage.group.press(ref, "✅ Вирішено");
    expect((await maria.receive("вирішено")).text).toContain(ref);
    const resolved = await stage.group.card(ref, "вирішено");
    expect(buttonsOf(resolved)).toEqual(["↩️ Відкрити знову"]);

    const status = await maria.say(`/status ${ref.toLowerCase()}`);
    expect(status.text).toContain("вирішено");

    await stage.group.press(ref, "↩️ Відкрити знову");
    await stage.group.card(ref, "у роботі");
    await stage.group.press(ref, "❌ Відхилити");
    const prompt = await stage.group.note(`Чому відхиляємо ${ref}`);
    await stage.group.replyTo(prompt, "Це питання районної ради");
    const rejected = await maria.receive("не можемо допомогти");
    expect(rejected.text).toContain("Це питання районної ради");
    await stage.group.card(ref, "відхилено");
    expect(stage.group.cardsFor(ref).length).toBe(1);
  });

  it("changes status with /status in the group, and refuses a rejection without a reason", async () => {
    const petro = stage.resident(4, "Петро");
    await petro.start();
    const question = await petro.say("Чи буде автобус до Базару?");
    expect(question.buttons).toContain("🙋 Запитати людину");
    const summary = await petro.press("🙋 Запитати людину");
    expect(summary.text).toContain("Чи буде автобус до Базару?");
    const sent = await petro.press("✅ Надіслати");
    const ref = /Q-\d+/.exec(sent.text)?.[0] ?? "";
    expect(ref).not.toBe("");
    await stage.group.card(ref, "Чи буде автобус до Базару?");

    await stage.group.command(`/status ${ref} rejected`);
    await stage.group.note("потрібна причина");
    await stage.group.command(`/status ${ref} in_progress`);
    expect((await petro.receive("взялися")).text).toContain(ref);
  });

  it("lets a resident cancel midway and edit before sending", async () => {
    const anna = stage.resident(5, "Анна");
    await anna.start();
    await anna.press("📝 Проблема");
    await anna.press("🏫 Школи і садочки");
    const cancelled = await anna.press("✖ Скасувати");
    expect(cancelled.text).toContain("Скасовано");
    expect(cancelled.buttons).toContain("📝 Проблема");

    await anna.press("📝 Проблема");
    await anna.press("🏫 Школи і садочки");
    await anna.say("Любар");
    const back = await anna.press("⬅ Назад");
    expect(back.text).toContain("У якому селі");
    expect(back.buttons).toContain("📍 Любар");
    await anna.press("📍 Любар");
    await anna.say("У школі протікає дах");
    await anna.press("➡ Пропустити");
    await anna.press("🕶 Анонімно");
    const which = await anna.press("✏️ Змінити");
    expect(which.buttons).toEqual(expect.arrayContaining(["Населений пункт", "Опис"]));
    await anna.press("Населений пункт");
    const summary = await anna.say("Ємільчине");
    expect(summary.text).toContain("Населений пункт: Ємільчине");
    expect(summary.text).toContain("У школі протікає дах");
    const sent = await anna.press("✅ Надіслати");
    const ref = /C-\d+/.exec(sent.text)?.[0] ?? "";
    expect(visibleText(await stage.group.card(ref))).toContain("Ємільчине");
  });

  it("signs up a volunteer, normalises the phone, and a second sign-up updates the first", async () => {
    const taras = stage.resident(6, "Тарас");
    await taras.start();
    await taras.press("🙋 Волонтерство");
    await taras.say("Тарас Шевчук");
    const badPhone = await taras.say("12345");
    expect(badPhone.text).toContain("не схоже на номер");
    await taras.say("067 123 45 68");
    const ways = await taras.say("Житомир");
    expect(ways.buttons).toContain("⬜ 🚗 Можу возити");
    const ticked = await taras.press("⬜ 🚗 Можу возити");
    expect(ticked.buttons).toContain("✅ 🚗 Можу возити");
    await taras.press("⬜ 📱 Соцмережі");
    await taras.press("✔️ Готово");
    await taras.press("Вихідні");
    const summary = await taras.press("✅ Так, погоджуюся");
    expect(summary.text).toContain("+380671234568");
    expect(summary.text).toContain("Можу возити");
    const sent = await taras.press("✅ Надіслати");
    const ref = /V-\d+/.exec(sent.text)?.[0] ?? "";
    const card = await stage.group.card(ref);
    expect(visibleText(card)).toContain("+380671234568");
    expect(visibleText(card)).toContain("Тарас Шевчук");

    await taras.press("🙋 Волонтерство");
    await taras.press("Тарас Шевчук");
    await taras.press("📱 Мій номер +380671234568");
    await taras.press("📍 Житомир");
    await taras.press("⬜ 🚪 Обхід по домівках");
    await taras.press("✔️ Готово");
    await taras.press("Будь-коли");
    await taras.press("✅ Так, погоджуюся");
    const again = await taras.press("✅ Надіслати");
    expect(again.text).toContain(`${ref} оновлена`);
    await stage.group.card(ref, "Обхід по домівках");
    expect(stage.group.cardsFor(ref)).toHaveLength(1);
  });

  it("gives two residents filing at once different references, and each only their own replies", async () => {
    const a = stage.resident(7, "Олена");
    const b = stage.resident(8, "Василь");
    const file = async (resident: typeof a, place: string) => {
      await resident.start();
      await resident.press("📝 Проблема");
      await resident.press("🚌 Транспорт");
      await resident.say(place);
      await resident.say(`Не ходить автобус у ${place}`);
      await resident.press("➡ Пропустити");
      await resident.press("🕶 Анонімно");
      return /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
    };
    const [refA, refB] = await Promise.all([file(a, "Олевськ"), file(b, "Овруч")]);
    expect(refA).not.toBe(refB);
    await stage.group.reply(refA, "Для Олени: автобус буде з понеділка");
    await stage.group.reply(refB, "Для Василя: перевіряємо розклад");
    expect((await a.receive("Для Олени")).text).toContain(refA);
    expect((await b.receive("Для Василя")).text).toContain(refB);
    expect(a.history().some((screen) => screen.text.includes("Для Василя"))).toBe(false);
    expect(b.history().some((screen) => screen.text.includes("Для Олени"))).toBe(false);
  });

  it("tells the group when a reply cannot be delivered because the resident left", async () => {
    const left = stage.resident(9, "Степан");
    await left.start();
    await left.press("📝 Проблема");
    await left.press("🔦 Освітлення вулиць");
    await left.say("Малин");
    await left.say("Не світять ліхтарі на центральній вулиці");
    await left.press("➡ Пропустити");
    await left.press("🕶 Анонімно");
    const ref = /C-\d+/.exec((await left.press("✅ Надіслати")).text)?.[0] ?? "";
    await stage.group.card(ref);
    await left.leave();
    // The platform tells the bot; it stops sending to them.
    let marked = false;
    for (let waited = 0; !marked && waited < 10_000; waited += 50) {
      marked = (await stage.viche.app.core.residents.get({ channel: messenger.name, id: left.id }))?.unsubscribed === true;
      if (!marked) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(marked).toBe(true);
    await stage.group.reply(ref, "Дякуємо, передали в громаду");
    const warning = await stage.group.note(`Не вдалося доставити`);
    expect(visibleText(warning)).toContain(ref);
  });

  it("shows a resident their data with /mydata and deletes it with /forget, marking the card", async () => {
    const olha = stage.resident(1, "Ольга");
    const mine = await olha.say("/mydata");
    expect(mine.text).toContain("+380671234567");
    expect(mine.text).toContain("Коростишів");
    const confirm = await olha.say("/forget");
    expect(confirm.buttons).toContain("🗑 Так, видалити");
    const done = await olha.press("🗑 Так, видалити");
    expect(done.text).toContain("видалено");
    const after = await olha.say("/mydata");
    expect(after.text).not.toContain("+380671234567");
    expect(after.text).not.toContain("Коростишів");
    const ref = /C-\d+/.exec(olha.history().find((screen) => /Надіслано: C-\d+/.test(screen.text))?.text ?? "")?.[0] ?? "";
    const card = await stage.group.card(ref, "Особисті дані видалено");
    expect(visibleText(card)).not.toContain("+380671234567");
    const report = await stage.viche.app.core.reports.get(ref);
    expect(report?.contact).toBeUndefined();
    expect(report?.text).toContain("Яма на дорозі");
  });

  it("sent nothing the platforms would refuse", () => {
    expect(stage.errors()).toEqual([]);
  });

  it("wrote no token and no phone number to the logs", () => {
    const logs = stage.viche.logs.lines.join("\n");
    expect(logs).toContain("report filed");
    expect(logs).not.toContain(stage.telegram.token);
    if (stage.viber) expect(logs).not.toContain(stage.viber.authToken);
    for (const phone of ["671234567", "671234568", "067 123 45 68"]) expect(logs).not.toContain(phone);
  });
});
