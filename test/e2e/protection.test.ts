import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { VIBER, type Stage } from "../helpers/messengers.js";
import { telegramResident, type ResidentDriver } from "../helpers/residents.js";
import { ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";

async function fileAnonymous(resident: ResidentDriver, place: string): Promise<string> {
  await resident.start();
  await resident.press("📝 Проблема");
  await resident.press("❓ Інше");
  await resident.say(place);
  await resident.say("Образливі слова на паркані біля школи");
  await resident.press("➡ Пропустити");
  await resident.press("🕶 Анонімно");
  return /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
}

describe("protection against abuse, on both messengers", () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await VIBER.stage({ flood: { limit: 25, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("bans the author of a report on Telegram and on Viber, and /unban lets them back", async () => {
    const onTelegram = telegramResident(stage.telegram, 95_001, "Троль");
    const onViber = stage.resident(95_002, "Троль у Viber");
    const telegramRef = await fileAnonymous(onTelegram, "Ружин");
    const viberRef = await fileAnonymous(onViber, "Ружин");
    await stage.group.card(telegramRef);
    await stage.group.card(viberRef);

    await stage.group.command(`/ban ${telegramRef}`);
    await stage.group.note(`Автора ${telegramRef} заблоковано`);
    await stage.group.command(`/ban ${viberRef}`);
    await stage.group.note(`Автора ${viberRef} заблоковано`);

    const telegramBefore = stage.telegram.messagesTo(95_001).length;
    await stage.telegram.sendText({ id: 95_001, first_name: "Троль" }, "/start");
    const viberBefore = stage.viber?.messagesTo(onViber.id).length ?? 0;
    await stage.viber?.sendText({ id: onViber.id, name: "Троль у Viber" }, "/start");
    // A resident who is not banned is still answered, after the banned ones' messages.
    const bystander = telegramResident(stage.telegram, 95_003, "Сусід");
    expect((await bystander.start()).text).toContain("Вітаємо");
    expect(stage.telegram.messagesTo(95_001).length).toBe(telegramBefore);
    expect(stage.viber?.messagesTo(onViber.id).length).toBe(viberBefore);

    await stage.group.command(`/unban ${telegramRef}`);
    await stage.group.note(`Автора ${telegramRef} розблоковано`);
    expect((await onTelegram.say("/start")).text).toContain("З поверненням");
    // In webhook mode every pressed button was answered (in the webhook's response), none left spinning.
    expect(stage.telegram.unansweredCallbackQueries()).toEqual([]);
    expect(stage.telegram.calls.some((call) => call.method === "answerCallbackQuery" && call.viaWebhookReply === true)).toBe(true);
  });

  it("slows down a flooding resident without affecting anyone else", async () => {
    const flooder = telegramResident(stage.telegram, 95_010, "Флудер");
    await flooder.start();
    for (let i = 0; i < 40; i += 1) await stage.telegram.sendText({ id: 95_010, first_name: "Флудер" }, `спам ${i}`);
    const calm = telegramResident(stage.telegram, 95_011, "Спокійний");
    expect((await calm.start()).text).toContain("Вітаємо");
    await stage.telegram.waitFor((message) => message.chatId === 95_010 && visibleText(message).includes("надто часто"));
    const answered = stage.telegram.messagesTo(95_010).length;
    expect(answered).toBeLessThanOrEqual(26);
  });

  it("refuses organisers' commands outside the organisers' group, and ignores forged status buttons", async () => {
    const resident = telegramResident(stage.telegram, 95_020, "Хитрун");
    const ref = await fileAnonymous(resident, "Олевськ");
    await stage.group.card(ref);
    for (const command of ["/stats", "/export", "/broadcast", `/ban ${ref}`]) {
      expect((await resident.say(command)).text).toContain("лише для групи організаторів");
    }
    await stage.telegram.raw({
      callback_query: {
        id: "forged",
        from: { id: 95_020, is_bot: false, first_name: "Хитрун" },
        chat_instance: "x",
        data: `st:${ref}:resolved`,
        message: { message_id: 1, date: 1, chat: { id: 95_020, type: "private", first_name: "Хитрун" }, text: "x" },
      },
    });
    await resident.say("/help");
    expect((await stage.viche.app.core.reports.get(ref))?.status).toBe("new");
  });
});

describe("start-up check of the organisers' group", () => {
  let double: TelegramDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    double = await startTelegramDouble();
    // The operator put a group id the bot was never added to.
    viche = await startViche({ telegram: double, env: { ORGANISERS_CHAT_ID: "-1009999999999" } });
  });
  afterAll(async () => {
    await viche?.stop();
    await double?.close();
  });

  it("says plainly what to fix, and keeps the reports until the group is reachable", async () => {
    const log = viche.logs.lines.join("\n");
    expect(log).toContain("cannot see the organisers' group");
    expect(log).toContain("ORGANISERS_CHAT_ID");
    const resident = telegramResident(double, 95_030, "Терплячий");
    const ref = await fileAnonymous(resident, "Чуднів");
    expect(ref).toMatch(/C-\d+/);
    expect(double.messagesTo(ORGANISERS_CHAT_ID)).toEqual([]);
    expect(await viche.app.outbox.pendingLanes()).toBeGreaterThan(0);

    // The operator fixes ORGANISERS_CHAT_ID and restarts: the waiting card arrives.
    await viche.app.stop(500);
    viche = await startViche({ telegram: double, dataDir: viche.dataDir });
    const card = await double.waitFor((message) => message.chatId === ORGANISERS_CHAT_ID && visibleText(message).includes(` ${ref} · `), { timeoutMs: 10_000 });
    expect(visibleText(card)).toContain("Чуднів");
  });
});
