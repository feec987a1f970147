import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viberMessageButtons } from "../doubles/viber-api.js";
import { VIBER, type Stage } from "../helpers/messengers.js";
import { viberId } from "../helpers/residents.js";

describe("Viber specifics", () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await VIBER.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  const viber = () => {
    if (!stage.viber) throw new Error("the Viber stage has no Viber double");
    return stage.viber;
  };

  it("registers its webhook for every event type at start", () => {
    expect(viber().webhook?.url).toMatch(/\/viber$/);
    expect(viber().webhook?.eventTypes).toEqual(expect.arrayContaining(["subscribed", "unsubscribed", "conversation_started", "delivered", "seen", "failed"]));
  });

  it("greets a resident who is not subscribed yet in the conversation_started response, keeping the deep-link context", async () => {
    const user = { id: viberId(101), name: "Галина", language: "uk" };
    const result = await viber().conversationStarted(user, { context: "flyer_ovruch" });
    expect(result.status).toBe(200);
    const welcome = viber().lastMessageTo(user.id);
    expect(welcome?.via).toBe("welcome");
    expect(welcome?.text).toContain("Вітаємо");
    expect(viberMessageButtons(welcome ?? ({} as never)).map((button) => button.text)).toEqual(expect.arrayContaining(["📖 Програма", "📝 Проблема"]));
    const resident = await stage.viche.app.core.residents.get({ channel: "viber", id: user.id });
    expect(resident?.source).toBe("flyer_ovruch");
  });

  it("understands commands and Ukrainian menu words typed instead of pressed", async () => {
    const resident = stage.resident(102, "Микола");
    await resident.start();
    const typed = await resident.say("/programme");
    expect(typed.buttons).toContain("Наші принципи");
    const word = await resident.say("Скарга");
    expect(word.text).toContain("Про яку проблему");
    const cancelled = await resident.say("скасувати");
    expect(cancelled.text).toContain("Скасовано");
  });

  it("asks for the phone with Viber's share-phone button and takes the shared contact", async () => {
    const resident = stage.resident(103, "Ніна");
    await resident.start();
    await resident.press("🙋 Волонтерство");
    const phone = await resident.say("Ніна Бойко");
    const shown = viber().lastMessageTo(viberId(103));
    const share = viberMessageButtons(shown ?? ({} as never)).find((button) => button.actionType === "share-phone");
    expect(share?.text).toBe("📱 Поділитися номером");
    expect(shown?.minApiVersion).toBeGreaterThanOrEqual(3);
    expect(phone.text).toContain("номер телефону");
    const settlement = await resident.shareContact("380671112233");
    expect(settlement.text).toContain("З якого ви села");
  });

  it("keeps every message_token exactly: two callbacks whose tokens differ beyond 2^53 are both handled", async () => {
    const user = { id: viberId(104), name: "Оля", language: "uk" };
    await viber().conversationStarted(user);
    await viber().subscribed(user);
    const base = 5_491_558_218_063_986_177n;
    const body = (token: bigint, text: string) =>
      `{"event":"message","timestamp":1700000000000,"chat_hostname":"SN-1","message_token":${token},"sender":{"id":"${user.id}","name":"Оля","language":"uk","country":"UA","api_version":10},"message":{"type":"text","text":"${text}"},"silent":false}`;
    // These two tokens are the same number once rounded to a double.
    expect(Number(base)).toBe(Number(base + 1n));
    const before = viber().messagesTo(user.id).length;
    expect((await viber().rawCallback(body(base, "/help"))).status).toBe(200);
    expect((await viber().rawCallback(body(base + 1n, "/programme"))).status).toBe(200);
    expect((await viber().rawCallback(body(base + 1n, "/programme"))).status).toBe(200);
    const answers = viber().messagesTo(user.id).slice(before);
    expect(answers).toHaveLength(2);
    expect(answers[1]?.text).toContain("Оберіть розділ");
  });

  it("refuses a callback with a wrong or missing signature at once and does nothing", async () => {
    const user = { id: viberId(105), name: "Злодій" };
    const forged = `{"event":"message","timestamp":1,"message_token":5491558218063986999,"sender":{"id":"${user.id}","name":"x"},"message":{"type":"text","text":"/start"}}`;
    const wrong = await viber().rawCallback(forged, { signature: "0".repeat(64) });
    const missing = await viber().rawCallback(forged, { signature: null });
    expect([401, 403]).toContain(wrong.status);
    expect([401, 403]).toContain(missing.status);
    expect(viber().messagesTo(user.id)).toEqual([]);
    expect(await stage.viche.app.core.residents.get({ channel: "viber", id: user.id })).toBeUndefined();
  });

  it("tells the organisers when Viber refuses a reply because the resident has not answered for too long", async () => {
    const resident = stage.resident(106, "Федір");
    await resident.start();
    await resident.press("📝 Проблема");
    await resident.press("🚌 Транспорт");
    await resident.say("Лугини");
    await resident.say("Автобус не заїжджає в село");
    await resident.press("➡ Пропустити");
    await resident.press("🕶 Анонімно");
    const ref = /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
    const card = await stage.group.card(ref);
    expect(card.text ?? card.caption).toContain("Viber");
    viber().failNext("send_message", { viberStatus: 12, statusMessage: "tooManyRequests", receiver: viberId(106) });
    await stage.group.reply(ref, "Ми з'ясовуємо у перевізника");
    const note = await stage.group.note("забагато повідомлень");
    expect(note.replyTo).toBe(card.messageId);
  });

  it("answers stickers with what to send instead", async () => {
    const resident = stage.resident(107, "Люба");
    await resident.start();
    const sticker = await resident.sendSticker();
    expect(sticker.text).toContain("стікери");
  });
});
