import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_LIMITS } from "../../src/core/outbox/pacing.js";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { telegramResident } from "../helpers/residents.js";
import { startViche, type RunningViche } from "../helpers/viche.js";

const FLOODER = { id: 96_001, first_name: "Флудер" };
const SLOW_DOWN = "надто часто";

describe("a flooding resident, with Telegram's per-chat limits and the shipped pacing and flood limit", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    // Telegram lets a chat have a short burst, then about one message a second; 30 a second overall.
    telegram = await startTelegramDouble({ limits: { perChatPerSecond: 3, globalPerSecond: 30 } });
    viche = await startViche({ telegram, pacing: PLATFORM_LIMITS, env: { FLOOD_EVENTS_PER_MINUTE: "30" } });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
  });

  it("provokes no 429 with 200 messages, answers others as usual and tells the flooder once", async () => {
    const flooder = telegramResident(telegram, FLOODER.id, FLOODER.first_name);
    await flooder.start();
    const before = telegram.messagesTo(FLOODER.id).length;
    await Promise.all(Array.from({ length: 200 }, (_, i) => telegram.sendText(FLOODER, `/help ${i}`)));

    // Someone else writing meanwhile is answered at once, not after the flooder's queue.
    const calm = telegramResident(telegram, 96_002, "Спокійна");
    expect((await calm.start()).text).toContain("Вітаємо");
    expect((await calm.press("📖 Програма")).text).toContain("розділ");

    await telegram.waitFor((message) => message.chatId === FLOODER.id && visibleText(message).includes(SLOW_DOWN), { chatId: FLOODER.id, timeoutMs: 90_000 });
    await viche.app.worker.drain(Date.now() + 60_000);
    const toFlooder = telegram.messagesTo(FLOODER.id).slice(before);
    expect(toFlooder.filter((message) => visibleText(message).includes(SLOW_DOWN))).toHaveLength(1);
    // The limit: 30 events a minute (the default) (the /start above was one of them), then silence.
    expect(toFlooder.length).toBeLessThanOrEqual(30);
    expect(telegram.calls.filter((call) => call.kind === "rate-limited")).toEqual([]);
    expect(telegram.errors).toEqual([]);
  }, 150_000);
});
