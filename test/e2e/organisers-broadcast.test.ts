import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, PhotoSize, Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type SentMessage, type TelegramDouble } from "../doubles/telegram-api.js";
import { startViberDouble, type ViberDouble } from "../doubles/viber-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident, viberResident, type ResidentDriver } from "../helpers/residents.js";
import { freePort, ORGANISER, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";
import { buttonsOf, fileComplaint, groupMessage, lastGroupMessageId, pressInGroup, visibleText } from "./organisers-kit.js";

/** Telegram and Viber doubles with a Viche on both; `restart` starts a new Viche on the same data. */
interface BroadcastStage {
  readonly telegram: TelegramDouble;
  readonly viber: ViberDouble;
  readonly group: OrganisersGroup;
  viche: RunningViche;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Sends a little slower than the doubles could take, so a restart can land in the middle of a broadcast. */
const BROADCAST_PACING = {
  group: { limit: 1000, windowMs: 1000 },
  resident: { limit: 1000, windowMs: 1000 },
  global: { limit: 150, windowMs: 1000 },
};

async function broadcastStage(pacing?: typeof BROADCAST_PACING): Promise<BroadcastStage> {
  const telegram = await startTelegramDouble();
  const viber = await startViberDouble();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "viche-broadcast-"));
  const env = {
    VIBER_AUTH_TOKEN: viber.authToken,
    VIBER_BOT_NAME: "Віче",
    VIBER_API_ROOT: viber.apiRoot,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TELEGRAM_WEBHOOK_SECRET: "broadcast-secret",
    PORT: String(port),
  };
  const start = () => startViche({ telegram, dataDir, env, ...(pacing ? { pacing } : {}) });
  const stage: BroadcastStage = {
    telegram,
    viber,
    group: new OrganisersGroup(telegram),
    viche: await start(),
    async restart() {
      await stage.viche.stop();
      stage.viche = await start();
    },
    async stop() {
      await stage.viche.stop();
      await viber.close();
      await telegram.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stage;
}

/** An organiser goes through /broadcast up to the preview; returns the preview message. */
async function composeBroadcast(
  stage: BroadcastStage,
  text: string,
  audience: string,
  options: { photo?: PhotoSize[]; settlement?: string } = {},
): Promise<SentMessage> {
  const { telegram } = stage;
  const before = lastGroupMessageId(telegram);
  await stage.group.command("/broadcast");
  const askText = await groupMessage(telegram, "Нова розсилка", before);
  await telegram.groupReply(ORGANISERS_CHAT_ID, ORGANISER, askText.messageId, text);
  const askPhoto = await groupMessage(telegram, "Додати фото?", before);
  if (options.photo) await organiserSendsPhotoReply(telegram, askPhoto, options.photo);
  else await pressInGroup(telegram, askPhoto, "➡ Без фото");
  const askAudience = await groupMessage(telegram, "Кому надіслати?", before);
  await pressInGroup(telegram, askAudience, audience);
  if (options.settlement) {
    const askPlace = await groupMessage(telegram, "Напишіть назву населеного пункту", before);
    await telegram.groupReply(ORGANISERS_CHAT_ID, ORGANISER, askPlace.messageId, options.settlement);
  }
  return groupMessage(telegram, "Перевірте перед надсиланням", before);
}

/** An organiser replies to the bot's prompt with a photo (the double's group helpers send text only). */
async function organiserSendsPhotoReply(telegram: TelegramDouble, prompt: SentMessage, photo: PhotoSize[]): Promise<void> {
  const chat = { id: ORGANISERS_CHAT_ID, type: "supergroup" as const, title: "Організатори" };
  const date = Math.floor(Date.now() / 1000);
  const message = {
    message_id: 900_000 + prompt.messageId,
    date,
    chat,
    from: { id: ORGANISER.id, is_bot: false, first_name: ORGANISER.first_name },
    photo,
    reply_to_message: { message_id: prompt.messageId, date, chat, from: telegram.botUser, text: visibleText(prompt) },
  } as unknown as Message;
  await telegram.raw({ message } as Omit<Update, "update_id">);
}

/** Messages in a Telegram chat that carry the broadcast text. */
function broadcastsTo(telegram: TelegramDouble, chatId: number, text: string): SentMessage[] {
  return telegram.messagesTo(chatId).filter((message) => visibleText(message).includes(text));
}

describe("/broadcast: composing, previewing, opting out", () => {
  let stage: BroadcastStage;
  let olha: ResidentDriver;
  let ivan: ResidentDriver;
  let photo: PhotoSize[] = [];

  beforeAll(async () => {
    stage = await broadcastStage();
    olha = telegramResident(stage.telegram, 20_001, "Ольга");
    ivan = telegramResident(stage.telegram, 20_002, "Іван");
    await olha.start();
    await ivan.start();
    await fileComplaint(olha, { category: "🛣 Дороги", place: "Коростишів", text: "Яма на дорозі біля школи" });
    await fileComplaint(ivan, { category: "🛣 Дороги", place: "Черняхів", text: "Розбита дорога до лікарні" });
    const sent = await stage.telegram.sendPhoto({ id: 20_003, first_name: "Фотограф" });
    photo = sent.message?.photo ?? [];
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("sends a photo with text to one settlement, with an opt-out button that works", async () => {
    const preview = await composeBroadcast(stage, "Збори громади в четвер о 18:00 у будинку культури", "📍 Одному населеному пункту", {
      photo,
      settlement: "коростишів",
    });
    expect(visibleText(preview)).toContain("Кому: 📍 коростишів");
    expect(visibleText(preview)).toContain("Отримають: 1 (Telegram: 1, Viber: 0)");
    const shown = stage.telegram.messagesTo(ORGANISERS_CHAT_ID).find((message) => message.photo && visibleText(message).includes("Збори громади"));
    expect(visibleText(shown ?? preview)).toContain("🔕 Не надсилати новини");
    const before = lastGroupMessageId(stage.telegram);
    await pressInGroup(stage.telegram, preview, "✅ Надіслати (1)");
    await groupMessage(stage.telegram, "Розсилку B-1 запущено: 1 отримувачів", before);

    const news = await olha.receive("Збори громади");
    expect(news.buttons).toEqual(["🔕 Не надсилати новини", "🏠 Головне меню"]);
    expect(stage.telegram.messagesTo(20_001).at(-1)?.photo).toBeDefined();
    await groupMessage(stage.telegram, "Розсилку B-1 завершено. Надіслано: 1. Не доставлено: 0. Відписалися (не надсилали): 0.", before);
    expect(broadcastsTo(stage.telegram, 20_002, "Збори громади")).toHaveLength(0);

    const stopped = await olha.press("🔕 Не надсилати новини");
    expect(stopped.text).toContain("більше не надсилатимемо");
    expect(stopped.buttons).toContain("🔔 Знову отримувати новини");

    const next = await composeBroadcast(stage, "Друга новина для всіх", "👥 Усім");
    expect(visibleText(next)).toContain("Отримають: 2 (Telegram: 2, Viber: 0)");
    expect(visibleText(next)).toContain("Відписалися від новин, не отримають: 1");
    await pressInGroup(stage.telegram, next, "✅ Надіслати (2)");
    await ivan.receive("Друга новина для всіх");
    await groupMessage(stage.telegram, "Розсилку B-2 завершено. Надіслано: 2. Не доставлено: 0. Відписалися (не надсилали): 1.");
    expect(broadcastsTo(stage.telegram, 20_001, "Друга новина")).toHaveLength(0);
  });

  it("lets /stop opt out and the button opt back in", async () => {
    const stopped = await ivan.say("/stop");
    expect(stopped.text).toContain("більше не надсилатимемо");
    const back = await ivan.press("🔔 Знову отримувати новини");
    expect(back.text).toContain("знову отримуватимете");
  });

  it("keeps a half-composed broadcast across a restart", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/broadcast");
    const askText = await groupMessage(stage.telegram, "Нова розсилка", before);
    await stage.restart();
    await stage.telegram.groupReply(ORGANISERS_CHAT_ID, ORGANISER, askText.messageId, "Новина лише для волонтерів");
    const askPhoto = await groupMessage(stage.telegram, "Додати фото?", before);
    await pressInGroup(stage.telegram, askPhoto, "➡ Без фото");
    const askAudience = await groupMessage(stage.telegram, "Кому надіслати?", before);
    expect(buttonsOf(askAudience)).toEqual([
      "👥 Усім",
      "✈️ Лише в Telegram",
      "💜 Лише у Viber",
      "📍 Одному населеному пункту",
      "🙋 Лише волонтерам",
      "✖ Скасувати",
    ]);
    await pressInGroup(stage.telegram, askAudience, "🙋 Лише волонтерам");
    await groupMessage(stage.telegram, "Нікому надсилати", before);
    expect(
      stage.telegram.messagesTo(ORGANISERS_CHAT_ID).filter((message) => message.messageId > before && visibleText(message).includes("Нова розсилка")),
    ).toHaveLength(1);
  });

  it("can be cancelled at any step, and leaves replies to cards alone meanwhile", async () => {
    const before = lastGroupMessageId(stage.telegram);
    await stage.group.command("/broadcast");
    const askText = await groupMessage(stage.telegram, "Нова розсилка", before);
    const card = stage.telegram
      .messagesTo(ORGANISERS_CHAT_ID)
      .find((message) => /^🆕 C-\d+/.test(visibleText(message)) && visibleText(message).includes("Черняхів"));
    const ref = /C-\d+/.exec(visibleText(card ?? askText))?.[0] ?? "";
    await stage.group.reply(ref, "Ремонт дороги заплановано на травень");
    await ivan.receive("Ремонт дороги заплановано");
    await stage.group.command("/broadcast");
    await groupMessage(stage.telegram, "Ви вже складаєте розсилку", before);
    await stage.group.command("/cancel");
    await groupMessage(stage.telegram, "Розсилку скасовано", before);
    await stage.telegram.groupReply(ORGANISERS_CHAT_ID, ORGANISER, askText.messageId, "Це вже нікуди не піде");
    await groupMessage(stage.telegram, "Це не картка звернення", before);
    expect(stage.telegram.unansweredCallbackQueries()).toEqual([]);
    expect(stage.telegram.errors).toEqual([]);
  });
});

describe("/broadcast to several hundred residents on Telegram and Viber, interrupted by a restart", () => {
  const TELEGRAM_RESIDENTS = 300;
  const TEXT = "Запрошуємо на відкриту зустріч з громадою в неділю о 12:00";
  let stage: BroadcastStage;
  const telegramIds = Array.from({ length: TELEGRAM_RESIDENTS }, (_, index) => 30_000 + index);
  const optedOut = new Set(telegramIds.slice(0, 10));
  const blocked = telegramIds[10] ?? 0;
  const optsOutMidway = telegramIds.at(-1) ?? 0;
  const viberDrivers: ResidentDriver[] = [];

  beforeAll(async () => {
    stage = await broadcastStage(BROADCAST_PACING);
    const core = stage.viche.app.core;
    for (const id of telegramIds) {
      stage.telegram.addPrivateChat({ id, first_name: `Мешканець ${id}` });
      await core.handle({ channel: "telegram", id: String(id) }, { kind: "start" });
    }
    // Two opt out the way residents do, the rest through the core.
    for (const id of [...optedOut].slice(0, 2)) {
      expect((await telegramResident(stage.telegram, id, "Мешканець").say("/stop")).text).toContain("більше не надсилатимемо");
    }
    for (const id of [...optedOut].slice(2)) await core.handle({ channel: "telegram", id: String(id) }, { kind: "text", text: "/stop" });
    // One blocked the bot. (The transport does not act on a private my_chat_member update yet, so
    // the core is told directly, as the transport would.)
    await stage.telegram.blockChat(blocked, { notify: false });
    await core.handle({ channel: "telegram", id: String(blocked) }, { kind: "unsubscribed" });
    for (let n = 1; n <= 4; n += 1) {
      const driver = viberResident(stage.viber, 900 + n, `Вайбер ${n}`);
      await driver.start();
      await driver.say("Добрий день");
      viberDrivers.push(driver);
    }
    // Two of them last wrote two days ago: outside Viber's free 24-hour session.
    for (const driver of viberDrivers.slice(0, 2)) {
      const resident = await core.residents.get({ channel: "viber", id: driver.id });
      if (resident) await core.residents.save({ ...resident, lastSeenAt: Date.now() - 2 * 24 * 3600 * 1000 });
    }
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("warns about paid Viber messages, resumes after the restart, reaches everyone exactly once and never the ones who opted out", async () => {
    const reachable = TELEGRAM_RESIDENTS - optedOut.size - 1;
    const preview = await composeBroadcast(stage, TEXT, "👥 Усім");
    const text = visibleText(preview);
    expect(text).toContain(`Отримають: ${reachable + 4} (Telegram: ${reachable}, Viber: 4)`);
    expect(text).toContain("Відписалися від новин, не отримають: 10");
    expect(text).toContain("Заблокували бота, не отримають: 1");
    expect(text).toContain("Viber: 2 з 4 поза безкоштовною 24-годинною сесією — ці повідомлення платні");

    const before = lastGroupMessageId(stage.telegram);
    await pressInGroup(stage.telegram, preview, `✅ Надіслати (${reachable + 4})`);
    await groupMessage(stage.telegram, `Розсилку B-1 запущено: ${reachable + 4} отримувачів`, before);
    await stage.telegram.waitFor((message) => message.chatId > 0 && visibleText(message).includes(TEXT), { timeoutMs: 10_000 });

    // The process stops in the middle: what was queued is flushed, the rest waits for the next start.
    await stage.restart();
    const reachedBeforeRestart = telegramIds.filter((id) => broadcastsTo(stage.telegram, id, TEXT).length > 0).length;
    expect(reachedBeforeRestart).toBeGreaterThan(0);
    expect(reachedBeforeRestart).toBeLessThan(reachable);
    expect(broadcastsTo(stage.telegram, optsOutMidway, TEXT)).toHaveLength(0);
    // A resident who had not been reached yet opts out before the new process gets to them.
    await stage.viche.app.core.handle({ channel: "telegram", id: String(optsOutMidway) }, { kind: "text", text: "/stop" });

    const done = await groupMessage(stage.telegram, "Розсилку B-1 завершено", before);
    expect(visibleText(done)).toContain(`Надіслано: ${reachable - 1 + 4}. Не доставлено: 1. Відписалися (не надсилали): 11.`);
    await groupMessage(stage.telegram, "📣 Розсилка B-1: 25%", before);

    for (const id of telegramIds) {
      const expected = optedOut.has(id) || id === blocked || id === optsOutMidway ? 0 : 1;
      expect(broadcastsTo(stage.telegram, id, TEXT), `resident ${id}`).toHaveLength(expected);
    }
    for (const driver of viberDrivers) {
      expect(
        driver.history().filter((screen) => screen.text.includes(TEXT)),
        `viber ${driver.id}`,
      ).toHaveLength(1);
      expect(driver.history().find((screen) => screen.text.includes(TEXT))?.buttons).toContain("🔕 Не надсилати новини");
    }
    expect(buttonsOf(broadcastsTo(stage.telegram, telegramIds[20] ?? 0, TEXT)[0] ?? preview)).toContain("🔕 Не надсилати новини");
    expect(stage.telegram.errors).toEqual([]);
    expect(stage.viber.errors).toEqual([]);
  });
});
