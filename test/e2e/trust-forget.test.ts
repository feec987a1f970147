import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, TELEGRAM, type Messenger, type Stage } from "../helpers/messengers.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { ORGANISERS_CHAT_ID } from "../helpers/viche.js";
import { visibleText } from "./organisers-kit.js";

const PHONE = "+380671112233";

/** Everything the SQLite file and its WAL hold, as bytes. */
function sqliteBytes(dataDir: string): Buffer {
  const file = join(dataDir, "bot.sqlite");
  return Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
}

/** Every key and value Viche keeps in Redis, as one text. */
async function redisDump(url: string): Promise<string> {
  const client = createClient({ url });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const key of await client.keys("*")) {
      const type = await client.type(key);
      parts.push(key);
      if (type === "string") parts.push((await client.get(key)) ?? "");
      else if (type === "hash") parts.push(JSON.stringify(await client.hGetAll(key)));
      else if (type === "zset") parts.push(JSON.stringify(await client.zRange(key, 0, -1)));
      else if (type === "set") parts.push(JSON.stringify(await client.sMembers(key)));
      else if (type === "list") parts.push(JSON.stringify(await client.lRange(key, 0, -1)));
    }
    return parts.join("\n");
  } finally {
    await client.quit();
  }
}

const cases = MESSENGERS.flatMap((messenger) => [
  { messenger, backend: "SQLite" as const },
  { messenger, backend: "Redis" as const },
]);

describe.each(cases)("/forget is complete ($messenger.name, $backend)", ({ messenger, backend }: { messenger: Messenger; backend: "SQLite" | "Redis" }) => {
  let stage: Stage;
  let redis: RedisServer | undefined;
  let skip = false;

  beforeAll(async () => {
    if (backend === "Redis") {
      redis = await startRedisServer();
      if (!redis) {
        skip = true;
        return;
      }
    }
    stage = await messenger.stage(redis ? { env: { STORAGE_URL: redis.url } } : {});
  });
  afterAll(async () => {
    await stage?.stop();
    await redis?.stop();
  });

  const storedText = async () => (redis ? await redisDump(redis.url) : sqliteBytes(stage.viche.dataDir).toString("latin1"));
  const latin1 = (text: string) => Buffer.from(text, "utf8").toString("latin1");

  it("after a complaint with phone, location and photo, nothing personal is left in the group or in storage", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    const olha = stage.resident(1, "Ольга");
    await olha.start();
    await olha.press("📝 Проблема");
    await olha.press("🛣 Дороги");
    await olha.say("Коростишів");
    await olha.say("Яма на дорозі біля школи, глибока");
    await olha.sendPhoto();
    await olha.sendLocation(50.3167, 29.0511);
    await olha.press("➡ Далі");
    await olha.shareContact(PHONE);
    await olha.press("✅ Так, погоджуюся");
    const sent = await olha.press("✅ Надіслати");
    const ref = /C-\d+/.exec(sent.text)?.[0] ?? "";
    const card = await stage.group.card(ref);
    expect(visibleText(card)).toContain(PHONE);
    const pin = await stage.telegram.waitFor((message) => message.location !== undefined && message.replyTo === card.messageId, {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    const before = await stage.viche.app.core.reports.get(ref);
    const photoId = before?.photos[0]?.fileId ?? "";
    expect(photoId).not.toBe("");

    // The scan below sees stored data: before /forget the phone is there.
    await stage.viche.app.storage.flush();
    expect(await storedText()).toContain(latin1("671112233"));

    await olha.say("/forget");
    expect((await olha.press("🗑 Так, видалити")).text).toContain("видалено");

    // The group: the card no longer shows the phone, the place on the map or the photo; the pin is deleted.
    const edited = await stage.group.card(ref, "Особисті дані видалено");
    expect(visibleText(edited)).not.toContain(PHONE);
    expect(visibleText(edited)).not.toMatch(/50\.316|29\.051/);
    expect(edited.photo).toBeUndefined();
    await stage.telegram.waitFor((message) => message.messageId === pin.messageId && message.deleted, { chatId: ORGANISERS_CHAT_ID, timeoutMs: 10_000 });
    expect(stage.group.cardsFor(ref).filter((message) => !message.deleted && message.photo !== undefined)).toEqual([]);

    // The report keeps what is not personal, and nothing links it to her.
    const after = await stage.viche.app.core.reports.get(ref);
    expect(after).toMatchObject({ category: "roads", settlement: "Коростишів", photos: [] });
    expect(after?.contact).toBeUndefined();
    expect(after?.location).toBeUndefined();
    expect(after?.resident.id).not.toBe(olha.id);

    // Storage, read directly: no phone, no coordinates, no photo or its bytes.
    await stage.viche.app.storage.flush();
    const stored = await storedText();
    for (const secret of ["671112233", "50.3167", "29.0511", photoId.replace(/^media:/, "")]) expect(stored).not.toContain(latin1(secret));
    expect(stage.errors()).toEqual([]);
  });
});

describe("/forget after Telegram's 48 hours for deleting messages", () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await TELEGRAM.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("marks the photo card and the location pin as removed when they can no longer be deleted", async () => {
    const ivan = stage.resident(2, "Іван");
    await ivan.start();
    await ivan.press("📝 Проблема");
    await ivan.press("🛣 Дороги");
    await ivan.say("Черняхів");
    await ivan.say("Зламаний міст через річку");
    await ivan.sendPhoto();
    await ivan.sendLocation(50.4501, 28.6722);
    await ivan.press("➡ Далі");
    await ivan.shareContact(PHONE);
    await ivan.press("✅ Так, погоджуюся");
    const ref = /C-\d+/.exec((await ivan.press("✅ Надіслати")).text)?.[0] ?? "";
    const card = await stage.group.card(ref);
    const pin = await stage.telegram.waitFor((message) => message.location !== undefined && message.replyTo === card.messageId, {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });

    stage.telegram.advanceClock(49 * 3600);
    await ivan.say("/forget");
    await ivan.press("🗑 Так, видалити");

    const marked = await stage.telegram.waitFor(
      (message) => message.replyTo === pin.messageId && visibleText(message).includes("Видалено на прохання мешканця"),
      {
        chatId: ORGANISERS_CHAT_ID,
        timeoutMs: 10_000,
      },
    );
    expect(marked.chatId).toBe(ORGANISERS_CHAT_ID);
    const edited = await stage.group.card(ref, "Особисті дані видалено");
    expect(edited.messageId).toBe(card.messageId);
    expect(visibleText(edited)).not.toContain(PHONE);
    expect(visibleText(edited)).not.toMatch(/50\.450|28\.672/);
    // Telegram's refusals to delete (the bot tries, then marks): nothing else was refused.
    const refused = stage.errors() as { method?: string; description?: string }[];
    expect(refused.map((error) => `${error.method}: ${error.description}`)).toEqual([
      "deleteMessage: Bad Request: message can't be deleted for everyone",
      "deleteMessage: Bad Request: message can't be deleted for everyone",
    ]);
  });
});
