import { parse } from "csv-parse/sync";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TELEGRAM, VIBER, type Stage } from "../helpers/messengers.js";
import { ORGANISER, ORGANISERS_CHAT_ID } from "../helpers/viche.js";
import { buttonsOf, fileComplaint, groupMessage, lastGroupMessageId, pressInGroup, visibleText } from "./organisers-kit.js";

const OTHER_GROUP = -1009999999999;

describe("organisers' reports in their group: /stats, /export, /summary, /link", () => {
  let stage: Stage;
  let refs: string[] = [];

  beforeAll(async () => {
    stage = await TELEGRAM.stage();
    stage.telegram.addGroup(OTHER_GROUP, { members: [ORGANISER.id], title: "Інша група" });
    const olha = stage.resident(1, "Ольга");
    const ivan = stage.resident(2, "Іван");
    const taras = stage.resident(3, "Тарас");
    await olha.start("flyer_a");
    await ivan.start("flyer_a");
    await taras.start();
    refs = [
      await fileComplaint(olha, { category: "🛣 Дороги", place: "Коростишів", text: "Яма на дорозі біля школи, «глибока» і небезпечна" }),
      await fileComplaint(ivan, { category: "🚰 Вода і каналізація", place: "коростишів", text: '=HYPERLINK("x") Немає води третій день; вода; тиск' }),
    ];
    await taras.press("🙋 Волонтерство");
    await taras.say("Тарас Шевчук");
    await taras.say("067 123 45 68");
    await taras.say("Житомир");
    await taras.press("⬜ 🚗 Можу возити");
    await taras.press("✔️ Готово");
    await taras.press("Вихідні");
    await taras.press("✅ Так, погоджуюся");
    await taras.press("✅ Надіслати");
    for (const ref of refs) await stage.group.card(ref);
    await stage.group.reply(refs[0] ?? "", "Дякуємо, передали в громаду");
    await olha.receive("передали в громаду");
    await stage.group.press(refs[0] ?? "", "✅ Вирішено");
    await stage.group.card(refs[0] ?? "", "вирішено");
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("/stats shows reports by kind, status, category, place and source, speed, sign-ups and new residents", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/stats");
    const stats = await groupMessage(stage.telegram, "📊 Статистика", before);
    const text = visibleText(stats);
    expect(text).toContain("останні 7 днів");
    expect(text).toContain("Скарги: 2 · Питання: 0 · Анкети волонтерів: 1");
    expect(text).toContain("вирішено: 1");
    expect(text).toContain("🛣 Дороги — 1");
    expect(text).toContain("🚰 Вода і каналізація — 1");
    expect(text).toContain("Коростишів — 2");
    expect(text).toContain("Скарги за громадами\nКоростишівська громада (Житомирський район) — 2");
    expect(text).toContain("Скарги за районами\nЖитомирський район — 2");
    expect(text).toMatch(/Медіана до першої відповіді: \d+ хв \(1 зв\.\)/);
    expect(text).toMatch(/Медіана до вирішення: \d+ хв \(1 зв\.\)/);
    expect(text).toContain("🚗 Можу возити — 1");
    expect(text).toContain("Нові мешканці: 3");
    expect(text).toContain("flyer_a — мешканців: 2, звернень: 2, анкет: 0");
    expect(text).toContain("без джерела — мешканців: 1, звернень: 0, анкет: 1");
    expect(text).not.toContain("+380");
    expect(buttonsOf(stats)).toEqual(["Сьогодні", "• 7 дн. •", "30 дн.", "Усе", "📈 Графік за 8 тижнів"]);

    await pressInGroup(stage.telegram, stats, "Усе");
    await stage.telegram.waitFor((message) => message.messageId === stats.messageId && visibleText(message).includes("увесь час"), {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(buttonsOf(stats)).toEqual(["Сьогодні", "7 дн.", "30 дн.", "• Усе •", "📈 Графік за 8 тижнів"]);
    expect(stage.telegram.unansweredCallbackQueries()).toEqual([]);

    await pressInGroup(stage.telegram, stats, "📈 Графік за 8 тижнів");
    const chart = await stage.telegram.waitFor((message) => message.photo !== undefined && visibleText(message).includes("по тижнях"), {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(visibleText(chart)).toMatch(/з \d{2}\.\d{2}: скарг 2, питань 0, анкет 1/);
    const png = PNG.sync.read(chart.photo?.bytes ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([720, 400]);
    let barPixels = 0;
    for (let at = 0; at < png.data.length; at += 4) if (png.data[at] === 59 && png.data[at + 1] === 111 && png.data[at + 2] === 182) barPixels += 1;
    expect(barPixels).toBeGreaterThan(1000);

    await stage.group.command("/stats вчора");
    await groupMessage(stage.telegram, "Використання: /stats", before);
  });

  it("/export sends a CSV that Excel reads as UTF-8 and that round-trips Cyrillic text, quotes and formulas", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/export 30");
    const sent = await stage.telegram.waitFor((message) => message.messageId > before && message.document !== undefined, {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(visibleText(sent)).toContain("3 рядків");
    expect(visibleText(sent)).toContain("особисті дані");
    const bytes = sent.document?.bytes ?? Buffer.alloc(0);
    expect(sent.document?.fileName).toMatch(/^viche-\d{4}-\d{2}-\d{2}-30\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes, { bom: true, delimiter: ";" });
    expect(rows[0]).toEqual(expect.arrayContaining(["Номер", "Вид", "Статус", "Тема", "Населений пункт", "Текст", "Телефон", "Джерело"]));
    const header = rows[0] ?? [];
    const column = (name: string) => header.indexOf(name);
    const byRef = new Map(rows.slice(1).map((row) => [row[column("Номер")], row]));
    expect(byRef.get(refs[0])?.[column("Текст")]).toBe("Яма на дорозі біля школи, «глибока» і небезпечна");
    expect(byRef.get(refs[0])?.[column("Статус")]).toBe("вирішено");
    expect(byRef.get(refs[0])?.[column("Джерело")]).toBe("flyer_a");
    // A resident's text that a spreadsheet would run as a formula is kept as text.
    expect(byRef.get(refs[1])?.[column("Текст")]).toBe('\'=HYPERLINK("x") Немає води третій день; вода; тиск');
    const signup = rows.find((row) => row[column("Вид")] === "анкета волонтера");
    expect(signup?.[column("Ім'я")]).toBe("Тарас Шевчук");
    expect(signup?.[column("Телефон")]).toBe("+380671234568");
    expect(signup?.[column("Чим допомогти")]).toBe("🚗 Можу возити");

    const logged = await vi.waitFor(() => {
      const line = stage.viche.logs.lines
        .map((entry) => JSON.parse(entry) as Record<string, unknown>)
        .find((entry) => entry.msg === "export sent to the organisers' group");
      if (!line) throw new Error("no export log line yet");
      return line;
    });
    expect(logged).toMatchObject({ level: 30, organiser: ORGANISER.id, period: "30", rows: 3 });
    expect(JSON.stringify(logged)).not.toMatch(/Шевчук|380671234568|Яма/);
  });

  it("/summary gives anonymised counts for a public channel: no names, phones, texts or references", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/summary all");
    const summary = await groupMessage(stage.telegram, "звернення мешканців", before);
    const text = visibleText(summary);
    expect(text).toContain("Отримано скарг: 2. Вирішено: 1. У роботі: 0.");
    expect(text).toContain("🛣 Дороги — 1");
    // Grouped by hromada and raion (issue 14); two residents from Коростишів are fewer than three
    // (issue 12), so the area is not named in public.
    expect(text).toContain("За громадами:\nінші громади — 2");
    expect(text).not.toContain("Коростишів");
    expect(text).toContain("До волонтерської команди долучилися: 1.");
    expect(text).not.toMatch(/C-\d|V-\d|Шевчук|Тарас|380|Яма|води|flyer/);
    expect(summary.parseMode).toBeUndefined();
  });

  it("/link makes a Telegram deep link with a printable QR code, and says why there is no Viber link", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/link flyer_korostyshiv");
    const qr = await stage.telegram.waitFor((message) => message.messageId > before && message.document !== undefined, {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(visibleText(qr)).toContain("https://t.me/viche_test_bot?start=flyer_korostyshiv");
    expect(qr.document?.fileName).toBe("qr-telegram-flyer_korostyshiv.png");
    expect(qr.document?.bytes?.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    await groupMessage(stage.telegram, "VIBER_CHAT_URI", before);

    await stage.group.command("/link на листівку!");
    await groupMessage(stage.telegram, "Використання: /link НАЗВА", before);

    // The new source shows in /stats at once, and grows when someone comes by it.
    const newcomer = stage.resident(4, "Марина");
    await newcomer.start("flyer_korostyshiv");
    const after = lastGroupMessageId(stage.telegram);
    await stage.group.command("/stats today");
    const stats = await groupMessage(stage.telegram, "📊 Статистика", after);
    expect(visibleText(stats)).toContain("flyer_korostyshiv — мешканців: 1, звернень: 0, анкет: 0");
  });

  it("answers organisers' commands only in the organisers' group", async () => {
    const resident = stage.resident(5, "Петро");
    await resident.start();
    for (const command of ["/stats", "/export", "/summary", "/link x", "/broadcast"]) {
      const answer = await resident.say(command);
      expect(answer.text).toContain("лише для групи організаторів");
    }
    for (const command of ["/stats", "/export", "/summary", "/link x", "/broadcast"]) await stage.telegram.groupCommand(OTHER_GROUP, ORGANISER, command);
    await stage.telegram.groupCommand(OTHER_GROUP, ORGANISER, "/chatid");
    await stage.telegram.waitFor((message) => visibleText(message).includes(String(OTHER_GROUP)), { chatId: OTHER_GROUP, timeoutMs: 10_000 });
    expect(stage.telegram.messagesTo(OTHER_GROUP)).toHaveLength(1);
  });

  it("sent nothing the platforms would refuse", () => {
    expect(stage.errors()).toEqual([]);
  });
});

describe("/link with Viber configured", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await VIBER.stage({ env: { VIBER_CHAT_URI: "viche" } });
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("makes a Viber deep link too, and a Viber resident who comes by it is counted under that source", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/link village_fair");
    const viberQr = await stage.telegram.waitFor((message) => message.messageId > before && message.document?.fileName === "qr-viber-village_fair.png", {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(visibleText(viberQr)).toContain("viber://pa?chatURI=viche&context=village_fair");
    expect(viberQr.document?.bytes?.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(stage.telegram.messagesTo(ORGANISERS_CHAT_ID).some((message) => message.document?.fileName === "qr-telegram-village_fair.png")).toBe(true);

    const resident = stage.resident(1, "Галина");
    await resident.start("village_fair");
    const after = lastGroupMessageId(stage.telegram);
    await stage.group.command("/stats");
    const stats = await groupMessage(stage.telegram, "📊 Статистика", after);
    expect(visibleText(stats)).toContain("village_fair — мешканців: 1");
    expect(stage.errors()).toEqual([]);
  });
});
