import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { startViberDouble, type ViberDouble } from "../doubles/viber-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident, viberResident, type ResidentDriver } from "../helpers/residents.js";
import { freePort, ORGANISER, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";
import { buttonsOf, fileComplaint, visibleText } from "./organisers-kit.js";

const ROADS_GROUP = -1005550000011;

/** A copy of the bundled content with road complaints routed to their own group. */
function contentWithRoadsGroup(): string {
  const dir = mkdtempSync(join(tmpdir(), "viche-content-"));
  cpSync(join(process.cwd(), "locales", "content"), dir, { recursive: true });
  const file = join(dir, "organisation.json");
  const organisation = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...organisation, routing: { roads: { chatId: ROADS_GROUP } } }, null, 2));
  return dir;
}

/** Files a complaint with one photo and returns its reference. */
async function fileWithPhoto(resident: ResidentDriver, text: string): Promise<string> {
  await resident.press("📝 Проблема");
  await resident.press("🏫 Школи і садочки");
  await resident.say("Черняхів");
  await resident.say(text);
  await resident.sendPhoto();
  await resident.press("➡ Далі");
  await resident.press("🕶 Анонімно");
  const sent = await resident.press("✅ Надіслати");
  return /C-\d+/.exec(sent.text)?.[0] ?? "";
}

describe("one refused message never stops the line", () => {
  let telegram: TelegramDouble;
  let viber: ViberDouble;
  let viche: RunningViche;
  let group: OrganisersGroup;
  let contentDir: string;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    viber = await startViberDouble();
    telegram.addGroup(ROADS_GROUP, { members: [ORGANISER.id], title: "Дороги" });
    contentDir = contentWithRoadsGroup();
    const port = await freePort();
    viche = await startViche({
      telegram,
      env: {
        CONTENT_DIR: contentDir,
        VIBER_AUTH_TOKEN: viber.authToken,
        VIBER_BOT_NAME: "Віче",
        VIBER_API_ROOT: viber.apiRoot,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        TELEGRAM_WEBHOOK_SECRET: "dead-letters-secret",
        PORT: String(port),
      },
    });
    group = new OrganisersGroup(telegram);
  });
  afterAll(async () => {
    await viche?.stop();
    await viber?.close();
    await telegram?.close();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it("delivers every other card while a routed group, a refused photo and an expired Viber picture fail; /failed lists them and retries", async () => {
    // The roads group removed the bot: its cards are refused with 403.
    await telegram.blockChat(ROADS_GROUP, { notify: false });
    const olha = telegramResident(telegram, 50_001, "Ольга");
    await olha.start();
    const road1 = await fileComplaint(olha, { category: "🛣 Дороги", place: "Коростишів", text: "Яма на дорозі біля школи" });
    const road2 = await fileComplaint(olha, { category: "🛣 Дороги", place: "Коростишів", text: "Розбитий міст через річку", ifSimilar: "new" });

    // Telegram refuses the next photo posted in the main group (as it does with IMAGE_PROCESS_FAILED).
    telegram.failNext("sendPhoto", { status: 400, description: "Bad Request: IMAGE_PROCESS_FAILED", chatId: ORGANISERS_CHAT_ID });
    const ivan = telegramResident(telegram, 50_002, "Іван");
    await ivan.start();
    const refusedPhoto = await fileWithPhoto(ivan, "У школі протікає дах");

    // A Viber picture whose stored copy expires before its card could be posted (the group was unreachable meanwhile).
    telegram.setOutage({ chatId: ORGANISERS_CHAT_ID, status: 502 });
    const petro = viberResident(viber, 3, "Петро");
    await petro.start();
    const expired = await fileWithPhoto(petro, "У садочку немає опалення");
    const photoId = (await viche.app.core.reports.get(expired))?.photos[0]?.fileId ?? "";
    expect(photoId).toMatch(/^media:/);
    await viche.app.storage.collection("media").delete(photoId.slice("media:".length));
    telegram.setOutage(null);

    const maria = telegramResident(telegram, 50_003, "Марія");
    await maria.start();
    const plain = await fileComplaint(maria, { category: "💡 Комуналка і тарифи", place: "Черняхів", text: "Платіжка за газ подвоїлася" });

    // Every other card arrives; the refused photos' cards arrive as text with a note.
    expect(visibleText(await group.card(plain))).toContain("Платіжка за газ подвоїлася");
    for (const ref of [refusedPhoto, expired]) {
      const card = await group.card(ref, "Фото не вдалося показати");
      expect(card.photo).toBeUndefined();
      expect(buttonsOf(card)).toEqual(["🔧 В роботу", "✅ Вирішено", "❌ Відхилити"]);
    }

    // The main group was told once per place, in plain words, however many items failed there.
    await group.note(`картку ${road1} у групу ${ROADS_GROUP}`);
    await group.note(`фото до ${refusedPhoto} у цю групу`);
    const notices = () => group.messages.filter((message) => visibleText(message).startsWith("⚠️ Не вдалося доставити"));
    expect(notices()).toHaveLength(2);
    expect(notices().every((notice) => visibleText(notice).includes("/failed"))).toBe(true);

    // /failed lists all four, with a retry button each.
    await group.command("/failed");
    const list = await group.note("Не доставлено (4)");
    const text = visibleText(list);
    for (const ref of [road1, road2, refusedPhoto, expired]) expect(text).toContain(ref);
    expect(text).toContain(`група ${ROADS_GROUP} (🛣 Дороги)`);
    expect(buttonsOf(list)).toEqual([`🔁 Повторити ${road1}`, `🔁 Повторити ${road2}`, `🔁 Повторити ${refusedPhoto}`, `🔁 Повторити ${expired}`]);

    // The bot is back in the roads group: a retry delivers the card there.
    telegram.unblockChat(ROADS_GROUP);
    await telegram.pressButton(ORGANISER, { label: `🔁 Повторити ${road1}`, chatId: ORGANISERS_CHAT_ID, messageId: list.messageId });
    await telegram.waitFor((message) => visibleText(message).startsWith(`🆕 ${road1} · `), { chatId: ROADS_GROUP, timeoutMs: 10_000 });
    // A retried photo goes under its card.
    await telegram.pressButton(ORGANISER, { label: `🔁 Повторити ${refusedPhoto}`, chatId: ORGANISERS_CHAT_ID, messageId: list.messageId });
    const card = await group.card(refusedPhoto);
    await telegram.waitFor((message) => message.photo !== undefined && message.replyTo === card.messageId, { chatId: ORGANISERS_CHAT_ID, timeoutMs: 10_000 });

    await group.command("/failed");
    const after = await telegram.waitFor((message) => message.messageId > list.messageId && visibleText(message).includes("Не доставлено (2)"), {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(visibleText(after)).not.toContain(road1);
    expect(telegram.errors).toEqual([]);
  });

  it("posts a card whose photo Telegram refused as text, also when the text first fails for a passing reason", async () => {
    // The photo is refused for good, then the text card meets a 502: the retry must not try the photo again.
    telegram.failNext("sendPhoto", { status: 400, description: "Bad Request: IMAGE_PROCESS_FAILED", chatId: ORGANISERS_CHAT_ID });
    telegram.failNext("sendMessage", { status: 502, chatId: ORGANISERS_CHAT_ID });
    const nina = telegramResident(telegram, 50_004, "Ніна");
    await nina.start();
    const ref = await fileWithPhoto(nina, "У класі вибите вікно");
    const card = await group.card(ref, "Фото не вдалося показати");
    expect(card.photo).toBeUndefined();
    expect(group.cardsFor(ref)).toHaveLength(1);
  });
});
