import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";
import { buttonsOf, fileComplaint, visibleText } from "./organisers-kit.js";

const ROADS_GROUP = -1005550000001;
const UTILITIES_FORUM = -1005550000002;

/** A copy of the bundled content with `routing` set in organisation.json. */
function contentWithRouting(routing: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "viche-content-"));
  cpSync(join(process.cwd(), "locales", "content"), dir, { recursive: true });
  const file = join(dir, "organisation.json");
  const organisation = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...organisation, routing }, null, 2));
  return dir;
}

describe("routing: a category's cards go to its own group or forum topic", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche;
  let contentDir: string;
  let waterTopic = 0;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    telegram.addGroup(ROADS_GROUP, { members: [ORGANISER.id], title: "Дороги" });
    telegram.addGroup(UTILITIES_FORUM, { members: [ORGANISER.id], title: "Комуналка", isForum: true });
    waterTopic = telegram.addTopic(UTILITIES_FORUM, "Вода");
    contentDir = contentWithRouting({ roads: { chatId: ROADS_GROUP }, water: { chatId: UTILITIES_FORUM, threadId: waterTopic } });
    viche = await startViche({ telegram, env: { CONTENT_DIR: contentDir } });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it("posts road cards in the roads group, where their buttons and replies work", async () => {
    const olha = telegramResident(telegram, 40_001, "Ольга");
    await olha.start();
    const ref = await fileComplaint(olha, { category: "🛣 Дороги", place: "Коростишів", text: "Яма на дорозі біля школи" });
    const card = await telegram.waitFor((message) => visibleText(message).startsWith(`🆕 ${ref} · `), { chatId: ROADS_GROUP, timeoutMs: 10_000 });
    expect(buttonsOf(card)).toEqual(["🔧 В роботу", "✅ Вирішено", "❌ Відхилити"]);
    expect(new OrganisersGroup(telegram).cardsFor(ref)).toHaveLength(0);

    await telegram.pressButton(ORGANISER, { label: "🔧 В роботу", chatId: ROADS_GROUP, messageId: card.messageId });
    expect((await olha.receive("взялися")).text).toContain(ref);
    await telegram.waitFor((message) => message.messageId === card.messageId && visibleText(message).includes("у роботі"), {
      chatId: ROADS_GROUP,
      timeoutMs: 10_000,
    });

    await telegram.groupReply(ROADS_GROUP, ORGANISER, card.messageId, "Дорожня служба приїде завтра");
    await olha.receive("Дорожня служба приїде завтра");
    const relayed = await telegram.waitFor((message) => visibleText(message).includes(`Надіслано мешканцю (${ref})`), {
      chatId: ROADS_GROUP,
      timeoutMs: 10_000,
    });
    expect(relayed.chatId).toBe(ROADS_GROUP);
  });

  it("posts water cards in their forum topic, and other categories in the organisers' group", async () => {
    const ivan = telegramResident(telegram, 40_002, "Іван");
    await ivan.start();
    const water = await fileComplaint(ivan, { category: "🚰 Вода і каналізація", place: "Черняхів", text: "Немає води третій день" });
    const card = await telegram.waitFor((message) => visibleText(message).startsWith(`🆕 ${water} · `), { chatId: UTILITIES_FORUM, timeoutMs: 10_000 });
    expect(card.thread).toBe(waterTopic);

    const other = await fileComplaint(ivan, { category: "🏫 Школи і садочки", place: "Черняхів", text: "У школі протікає дах" });
    const main = await new OrganisersGroup(telegram).card(other);
    expect(main.chatId).toBe(ORGANISERS_CHAT_ID);
  });

  it("keeps organisers' commands to the organisers' group", async () => {
    await telegram.groupCommand(ROADS_GROUP, ORGANISER, "/stats");
    await telegram.groupCommand(ROADS_GROUP, ORGANISER, "/chatid");
    await telegram.waitFor((message) => visibleText(message).includes(String(ROADS_GROUP)), { chatId: ROADS_GROUP, timeoutMs: 10_000 });
    expect(telegram.messagesTo(ROADS_GROUP).some((message) => visibleText(message).includes("📊 Статистика"))).toBe(false);
    expect(telegram.errors).toEqual([]);
  });

  it("refuses to start with routing for a category that does not exist, naming the field", async () => {
    const broken = contentWithRouting({ potholes: { chatId: ROADS_GROUP } });
    try {
      await expect(startViche({ telegram, env: { CONTENT_DIR: broken } })).rejects.toThrow(/routing\.potholes: not a complaint category id/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
