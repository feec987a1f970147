import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { groupMessage, lastGroupMessageId, pressInGroup } from "../e2e/organisers-kit.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { vicheProcess, type VicheProcess } from "../helpers/process.js";
import { ORGANISER, ORGANISERS_CHAT_ID, startViche } from "../helpers/viche.js";

const RESIDENTS = 300;
const KILLS = 3;
const TEXT = "Збори громади в суботу о 10:00 біля клубу";

describe("a broadcast reaches each resident at most once, whatever moment the process is killed", () => {
  let telegram: TelegramDouble;
  let viche: VicheProcess;
  let dataDir: string;
  const ids = Array.from({ length: RESIDENTS }, (_, index) => 60_000 + index);

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    dataDir = mkdtempSync(join(tmpdir(), "viche-broadcast-crash-"));
    // The residents exist already (they started the bot earlier): seeded through the core, then stopped.
    const seed = await startViche({ telegram, dataDir });
    for (const id of ids) {
      telegram.addPrivateChat({ id, first_name: `Мешканець ${id}` });
      await seed.app.core.handle({ channel: "telegram", id: String(id) }, { kind: "start" });
    }
    await seed.stop();
    viche = await vicheProcess({ telegram, storageUrl: `sqlite://${join(dataDir, "bot.sqlite")}` });
  });
  afterAll(async () => {
    await viche?.terminate();
    await telegram?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends to nobody twice across several kill -9, and the final counts add up", async () => {
    await viche.start();
    const before = lastGroupMessageId(telegram);
    await telegram.groupCommand(ORGANISERS_CHAT_ID, ORGANISER, "/broadcast");
    const askText = await groupMessage(telegram, "Нова розсилка", before);
    await telegram.groupReply(ORGANISERS_CHAT_ID, ORGANISER, askText.messageId, TEXT);
    await pressInGroup(telegram, await groupMessage(telegram, "Додати фото?", before), "➡ Без фото");
    await pressInGroup(telegram, await groupMessage(telegram, "Кому надіслати?", before), "👥 Усім");
    const preview = await groupMessage(telegram, "Перевірте перед надсиланням", before);
    await pressInGroup(telegram, preview, `✅ Надіслати (${RESIDENTS})`);
    await groupMessage(telegram, "Розсилку B-1 запущено", before);

    // Telegram's pace (about 30 a second) makes this a ten-second broadcast: kill it at random moments in it.
    for (let kill = 0; kill < KILLS; kill += 1) {
      await sleep(300 + Math.random() * 2500);
      await viche.kill9();
      await viche.start();
    }

    const done = await telegram.waitFor((message) => message.messageId > before && visibleText(message).includes("Розсилку B-1 завершено"), {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 120_000,
    });
    const received = ids.map((id) => telegram.messagesTo(id).filter((message) => visibleText(message).includes(TEXT)).length);
    expect(received.filter((count) => count > 1)).toEqual([]);
    const count = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(visibleText(done))?.[1] ?? 0);
    const sent = count("Надіслано");
    const unknown = count("Невідомо");
    expect(sent + count("Не доставлено") + count("Відписалися \\(не надсилали\\)") + unknown).toBe(RESIDENTS);
    const reached = received.filter((got) => got === 1).length;
    expect(reached).toBeGreaterThanOrEqual(sent);
    expect(reached).toBeLessThanOrEqual(sent + unknown);
    expect(new OrganisersGroup(telegram).messages.filter((message) => visibleText(message).includes("Розсилку B-1 завершено"))).toHaveLength(1);
    expect(telegram.errors).toEqual([]);
  }, 240_000);
});
