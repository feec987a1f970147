import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";

describe("an organisers' group that is a forum", () => {
  let double: TelegramDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    double = await startTelegramDouble();
    double.addGroup(ORGANISERS_CHAT_ID, { members: [ORGANISER.id], admins: [ORGANISER.id], isForum: true, botIsAdmin: true, title: "Штаб" });
    viche = await startViche({ telegram: double });
  });
  afterAll(async () => {
    await viche?.stop();
    await double?.close();
  });

  it("puts complaints, sign-ups and questions each in its own topic, and replies there work", async () => {
    const resident = telegramResident(double, 96_001, "Форум");
    await resident.start();
    await resident.press("📝 Проблема");
    await resident.press("🛣 Дороги");
    await resident.say("Малин");
    await resident.say("Яма на мосту через Ірпінь");
    await resident.press("➡ Пропустити");
    await resident.press("🕶 Анонімно");
    const complaint = /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
    await resident.press("❓ Запитати");
    await resident.say("Коли буде зустріч з виборцями в Малині?");
    const question = /Q-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";

    const group = new OrganisersGroup(double);
    const complaintCard = await group.card(complaint);
    const questionCard = await group.card(question);
    expect(complaintCard.thread).toBeDefined();
    expect(questionCard.thread).toBeDefined();
    expect(complaintCard.thread).not.toBe(questionCard.thread);
    expect(double.calls.filter((call) => call.method === "createForumTopic" && call.ok).map((call) => call.params.name)).toEqual(["📝 Скарги", "❓ Питання"]);

    await double.groupReply(ORGANISERS_CHAT_ID, ORGANISER, complaintCard.messageId, "Передали в службу доріг", { threadId: complaintCard.thread });
    expect((await resident.receive("службу доріг")).text).toContain(complaint);
    expect(double.errors).toEqual([]);
  });
});
