import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { vicheProcess, type VicheProcess } from "../helpers/process.js";
import { telegramResident } from "../helpers/residents.js";
import { ORGANISERS_CHAT_ID } from "../helpers/viche.js";

describe("SIGTERM", () => {
  let double: TelegramDouble;
  let viche: VicheProcess;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "viche-sigterm-"));
    double = await startTelegramDouble();
    viche = await vicheProcess({ telegram: double, storageUrl: `sqlite://${join(dir, "bot.sqlite")}` });
    await viche.start();
  });
  afterAll(async () => {
    await viche?.kill9();
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("flushes the outbox before exiting, so a card waiting for the group still arrives", async () => {
    double.setOutage({ chatId: ORGANISERS_CHAT_ID, status: 502 });
    const resident = telegramResident(double, 70_001, "Ярина");
    await resident.start();
    await resident.press("📝 Проблема");
    await resident.press("🏛 Влада і громада");
    await resident.say("Радомишль");
    await resident.say("Сесію ради не транслюють онлайн");
    await resident.press("➡ Пропустити");
    await resident.press("🕶 Анонімно");
    const ref = /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
    const group = new OrganisersGroup(double);
    expect(group.cardsFor(ref)).toHaveLength(0);
    double.setOutage(null);
    const code = await viche.terminate();
    expect(code).toBe(0);
    expect(group.cardsFor(ref)).toHaveLength(1);
    expect(viche.output.join("")).toContain("stopping");
    expect(viche.output.join("")).not.toContain(double.token);
  }, 60_000);
});
