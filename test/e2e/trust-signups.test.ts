import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { telegramResident, type ResidentDriver, type Screen } from "../helpers/residents.js";
import { startViche, type RunningViche } from "../helpers/viche.js";
import { visibleText } from "./organisers-kit.js";

const backends = [
  { name: "SQLite", redis: false },
  { name: "Redis", redis: true },
];

/** Goes through the sign-up up to the phone step, gives the phone with `phoneStep`, and sends it. */
async function signUp(resident: ResidentDriver, name: string, phoneStep: (resident: ResidentDriver) => Promise<Screen>): Promise<Screen> {
  await resident.press("🙋 Волонтерство");
  await resident.say(name);
  await phoneStep(resident);
  await resident.say("Житомир");
  await resident.press("⬜ 🚗 Можу возити");
  await resident.press("✔️ Готово");
  await resident.press("Вихідні");
  await resident.press("✅ Так, погоджуюся");
  return resident.press("✅ Надіслати");
}

describe.each(backends)("a volunteer sign-up belongs to its resident ($name)", (backend) => {
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
    viche = await startViche({ telegram, env: redis ? { STORAGE_URL: redis.url } : {} });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    await redis?.stop();
  });

  it("typing someone else's phone number neither takes over, reveals nor overwrites their sign-up", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    const olha = telegramResident(telegram, 42_001, "Ольга");
    await olha.start();
    const hers = await signUp(olha, "Ольга Коваль", (resident) => resident.shareContact("+380671112233"));
    const ref = /V-\d+/.exec(hers.text)?.[0] ?? "";
    expect(ref).toMatch(/^V-\d+$/);
    await new OrganisersGroup(telegram).card(ref);

    const stranger = telegramResident(telegram, 42_002, "Незнайомець");
    await stranger.start();
    const theirs = await signUp(stranger, "Підставна Особа", (resident) => resident.say("067 111 22 33"));
    expect(theirs.text).not.toContain("оновлена");
    expect(theirs.text).not.toContain(ref);
    expect(theirs.text).toContain("Номер анкети V-");

    const stored = await viche.app.core.reports.get(ref);
    expect(stored?.contact).toEqual({ name: "Ольга Коваль", phone: "+380671112233" });
    expect(stored?.revisions ?? 0).toBe(0);
    const card = await new OrganisersGroup(telegram).card(ref);
    expect(visibleText(card)).toContain("Ольга Коваль");
    expect(visibleText(card)).not.toContain("Підставна");

    // Her own second sign-up still updates hers.
    const again = await signUp(olha, "Ольга Коваль", (resident) => resident.press("📱 Мій номер +380671112233"));
    expect(again.text).toContain(`Ваша анкета ${ref} оновлена`);
  });
});
