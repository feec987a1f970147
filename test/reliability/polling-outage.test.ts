import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { vicheProcess } from "../helpers/process.js";
import { startRedisServer } from "../helpers/redis-server.js";
import { telegramResident } from "../helpers/residents.js";
import { startViche } from "../helpers/viche.js";

/** As long as the issue asks: longer than any give-up the poller used to have (about a minute). */
const OUTAGE_MS = 90_000;

/** The bot's messages to a chat since `from`, as texts. */
function textsTo(telegram: TelegramDouble, chatId: number, from: number): string[] {
  return telegram
    .messagesTo(chatId)
    .slice(from)
    .map((message) => visibleText(message));
}

/** Waits until the bot has handled what it fetched and polls again (which confirms it to Telegram). */
async function untilPollingAgain(telegram: TelegramDouble): Promise<void> {
  for (let waited = 0; !telegram.isPolling; waited += 20) {
    if (waited > 10_000) throw new Error("the bot did not poll again");
    await sleep(20);
  }
}

/**
 * Waits for the answer to what was sent after `from`, and once it is answered sends /help and waits for that answer too: what came in
 * between is every answer the first message got (a second answer to it would be there).
 */
async function answersTo(telegram: TelegramDouble, chatId: number, from: number): Promise<string[]> {
  await telegram.waitFor((message) => message.chatId === chatId && telegram.messagesTo(chatId).indexOf(message) >= from, { chatId, timeoutMs: 60_000 });
  const helpAt = telegram.messagesTo(chatId).length;
  await telegram.sendText({ id: chatId, first_name: "Мешканка" }, "/help");
  await telegram.waitFor((message) => message.chatId === chatId && telegram.messagesTo(chatId).indexOf(message) >= helpAt, { chatId, timeoutMs: 30_000 });
  return textsTo(telegram, chatId, from).slice(0, helpAt - from);
}

describe.concurrent("polling on Redis loses nothing, however long Redis is down", () => {
  it("answers a message sent during a 90 s Redis outage once, and logs a handful of lines meanwhile", async (context) => {
    const redis = await startRedisServer({ persistent: true });
    if (!redis) return context.skip("redis-server is not installed");
    const telegram = await startTelegramDouble();
    const viche = await startViche({ telegram, env: { STORAGE_URL: redis.url } });
    try {
      const resident = telegramResident(telegram, 71_001, "Мешканка");
      await resident.start();
      await untilPollingAgain(telegram);
      const logsBefore = viche.logs.lines.length;
      await redis.stop();
      const sentAt = telegram.messagesTo(71_001).length;
      await telegram.sendText({ id: 71_001, first_name: "Мешканка" }, "/status");
      await sleep(OUTAGE_MS);
      // Nothing was confirmed to Telegram meanwhile: the update is still queued there.
      expect(telegram.messagesTo(71_001)).toHaveLength(sentAt);
      await redis.restart();

      const answers = await answersTo(telegram, 71_001, sentAt);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain("звернень");
      // An operator reading the log at info level sees the outage begin and end, not a flood.
      const during = viche.logs.lines.slice(logsBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 30);
      expect(during.length, during.join("\n")).toBeLessThanOrEqual(8);
      expect(during.join("\n")).toContain("storage unavailable");
      expect(during.join("\n")).toContain("storage is back after");
      expect(during.join("\n")).not.toContain('"stack"');
    } finally {
      await viche.stop();
      await telegram.close();
      await redis.stop();
    }
  }, 180_000);

  it("answers it once also when the process is killed with kill -9 during the outage and started after Redis is back", async (context) => {
    const redis = await startRedisServer({ persistent: true });
    if (!redis) return context.skip("redis-server is not installed");
    const telegram = await startTelegramDouble();
    const viche = await vicheProcess({ telegram, storageUrl: redis.url, polling: true });
    try {
      await viche.start();
      const resident = telegramResident(telegram, 71_002, "Мешканка");
      await resident.start();
      await untilPollingAgain(telegram);
      await redis.stop();
      const sentAt = telegram.messagesTo(71_002).length;
      await telegram.sendText({ id: 71_002, first_name: "Мешканка" }, "/status");
      await sleep(OUTAGE_MS / 2);
      await viche.kill9();
      await sleep(OUTAGE_MS / 2);
      await redis.restart();
      await viche.start();

      const answers = await answersTo(telegram, 71_002, sentAt);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain("звернень");
    } finally {
      await viche.terminate();
      await telegram.close();
      await redis.stop();
    }
  }, 180_000);
});
