import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { telegramResident, type ResidentDriver } from "../helpers/residents.js";
import { ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";
import { fileComplaint, visibleText } from "./organisers-kit.js";

const backends = [
  { name: "SQLite", redis: false },
  { name: "Redis", redis: true },
];

/** Telegram's limit for a group (20 a minute) and for any chat (about 1 a second): the real pacing of the organisers' lane. */
const REAL_GROUP_PACING = {
  group: { limit: 20, windowMs: 60_000 },
  resident: { limit: 1000, windowMs: 1000 },
  global: { limit: 1000, windowMs: 1000 },
};

/** Cards in the organisers' group for complaints of `resident`. */
function cardsOf(telegram: TelegramDouble, texts: readonly string[]): number {
  return telegram.messagesTo(ORGANISERS_CHAT_ID).filter((message) => texts.some((text) => visibleText(message).includes(text))).length;
}

/** One complaint through the whole flow, with a text that differs each time; the last screen. */
async function complain(resident: ResidentDriver, n: number): Promise<string> {
  await resident.press("📝 Проблема");
  await resident.press("🛣 Дороги");
  await resident.say("Олевськ");
  await resident.say(`Скарга ${n}: вибоїна номер ${n} на трасі`);
  await resident.press("➡ Пропустити");
  await resident.press("🕶 Анонімно");
  return (await resident.press("✅ Надіслати")).text;
}

describe.each(backends)("caps per resident ($name)", (backend) => {
  let telegram: TelegramDouble;
  let viche: RunningViche;
  let redis: RedisServer | undefined;
  let skip = false;

  beforeAll(async () => {
    if (backend.redis) {
      redis = await startRedisServer();
      if (!redis) {
        skip = true;
        return;
      }
    }
    telegram = await startTelegramDouble();
    viche = await startViche({
      telegram,
      pacing: REAL_GROUP_PACING,
      // The flood guard is not what is tested here: let the flooder through to the caps.
      flood: { limit: 10_000, windowMs: 1000 },
      env: redis ? { STORAGE_URL: redis.url } : {},
    });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    await redis?.stop();
  });

  it("one account filing 40 reports in a burst gets 5 to the group and a plain limit message; a genuine complaint still arrives", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    const flooder = telegramResident(telegram, 43_001, "Флудер");
    await flooder.start();
    const answers: string[] = [];
    for (let n = 1; n <= 40; n += 1) answers.push(await complain(flooder, n));
    expect(answers.slice(0, 5).every((text) => /Номер вашого звернення C-\d+/.test(text))).toBe(true);
    for (const text of answers.slice(5)) {
      expect(text).toContain("Це звернення не надіслано: за останні 24 години ви вже надіслали 5");
      expect(text).toContain("/status");
    }

    const neighbour = telegramResident(telegram, 43_002, "Сусідка");
    await neighbour.start();
    const ref = await fileComplaint(neighbour, { category: "🚰 Вода і каналізація", place: "Олевськ", text: "Третій день немає води в будинку" });
    // Within a minute, at the group's real pace.
    await new OrganisersGroup(telegram).card(ref, "", 60_000);
    const flooded = Array.from({ length: 40 }, (_, index) => `вибоїна номер ${index + 1} на трасі`);
    expect(cardsOf(telegram, flooded)).toBe(5);
    expect(telegram.errors).toEqual([]);
  });
});

describe.each(backends)("/ban mid-burst ($name)", (backend) => {
  let telegram: TelegramDouble;
  let viche: RunningViche;
  let redis: RedisServer | undefined;
  let skip = false;

  beforeAll(async () => {
    if (backend.redis) {
      redis = await startRedisServer();
      if (!redis) {
        skip = true;
        return;
      }
    }
    telegram = await startTelegramDouble();
    viche = await startViche({
      telegram,
      // Slow enough that the burst's cards queue up behind the first.
      pacing: { ...REAL_GROUP_PACING, group: { limit: 1, windowMs: 3100 } },
      env: redis ? { STORAGE_URL: redis.url } : {},
    });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    await redis?.stop();
  });

  it("drops the banned resident's queued cards", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    const flooder = telegramResident(telegram, 43_101, "Флудер");
    await flooder.start();
    const first = /C-\d+/.exec(await complain(flooder, 1))?.[0] ?? "";
    await complain(flooder, 2);
    await complain(flooder, 3);
    await new OrganisersGroup(telegram).card(first);
    await new OrganisersGroup(telegram).command(`/ban ${first}`);
    await new OrganisersGroup(telegram).note(`Автора ${first} заблоковано`);
    while ((await viche.app.outbox.pendingLanes()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cardsOf(telegram, ["вибоїна номер 1 ", "вибоїна номер 2 ", "вибоїна номер 3 "])).toBe(1);
  });
});
