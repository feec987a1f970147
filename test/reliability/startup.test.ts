import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { telegramResident } from "../helpers/residents.js";
import { LogCapture, startViche, type RunningViche } from "../helpers/viche.js";

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly retryInMs?: number;
}

describe("Telegram unreachable at start", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche | undefined;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
  });

  it("says in one line what is retried and what to check, at a growing interval, and starts once Telegram answers", async () => {
    telegram.setOutage({ method: "getMe", status: 502, html: true });
    const logs = new LogCapture();
    const starting = startViche({ telegram, logs });
    await sleep(6500);
    const lines = logs.lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level >= 30);
    const retries = lines.filter((line) => line.msg.includes("cannot reach the Bot API (getMe)"));
    // Tries at 0, 1, 3 s (and 7 s): not one line every few hundred milliseconds.
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThanOrEqual(4);
    expect(retries.map((line) => line.retryInMs)).toEqual([...retries.map((line) => line.retryInMs)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(retries.map((line) => line.retryInMs)).size).toBe(retries.length);
    expect(retries[0]?.msg).toContain("Check the network, TELEGRAM_API_ROOT");
    expect(lines.length - retries.length).toBeLessThanOrEqual(1);

    telegram.setOutage(null);
    viche = await starting;
    const resident = telegramResident(telegram, 81_001, "Ольга");
    expect((await resident.start()).text).toContain("Вітаємо");
  }, 30_000);
});
