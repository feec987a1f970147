import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { freePort, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";

/** A small seeded generator, so a failing run can be replayed with the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261129;
const COUNT = 10_000;
const SECRET = "fuzz-secret";

function generator(next: () => number) {
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chars = ["а", "ї", "ґ", "'", "’", "<", ">", "&", '"', "\\", "\u0000", "\u202e", "🙂", "🇺🇦", "\n", " ", "/", "C-1", "x", "5", "ё", "ы", "%", "{"];
  const text = (max: number) => Array.from({ length: int(max) }, () => pick(chars)).join("");
  const commands = [
    "/start",
    "/start flyer",
    "/start " + "x".repeat(80),
    "/help",
    "/programme",
    "/complaint",
    "/volunteer",
    "/question",
    "/status",
    "/status C-1001",
    "/status zzz",
    "/mydata",
    "/forget",
    "/cancel",
    "/language",
    "/ban C-1",
    "/stats",
    "/nonsense",
    "/start@viche_test_bot",
  ];
  const data = [
    "menu",
    "resume",
    "cmd:complaint",
    "cmd:forget",
    "cmd:nope",
    "prog",
    "prog:s:economy",
    "prog:i:economy.roads",
    "prog:i:missing",
    "prog:x",
    "lang:en",
    "lang:xx",
    "f:category:roads",
    "f:category:zzz",
    "f:send",
    "f:edit",
    "f:edit:nothing",
    "f:back",
    "f:cancel",
    "f:ways:door",
    "ask:send",
    "reply:C-1001",
    "reply:Q-9",
    "status:C-1001",
    "st:C-1001:resolved",
    "st:C-1001:nonsense",
    "",
    "x".repeat(64),
  ];
  const user = () => ({
    id: 40_000 + int(40),
    is_bot: false,
    first_name: text(10) || "A",
    ...(next() < 0.5 ? { language_code: pick(["uk", "en", "ru", "", "zz"]) } : {}),
  });
  const chat = (from: { id: number }) =>
    next() < 0.85
      ? { id: from.id, type: "private", first_name: "A" }
      : next() < 0.5
        ? { id: ORGANISERS_CHAT_ID, type: "supergroup", title: "O" }
        : { id: -int(1e9), type: pick(["group", "supergroup", "channel"]), title: "G" };
  const message = () => {
    const from = user();
    const base = { message_id: int(1e6), date: 1_700_000_000 + int(1e6), from, chat: chat(from) };
    switch (int(11)) {
      case 0:
        return { ...base, text: pick(commands) };
      case 1:
        return {
          ...base,
          contact: { phone_number: pick(["+380671234567", "0671234567", "12", text(20)]), first_name: "A", ...(next() < 0.5 ? { user_id: from.id } : {}) },
        };
      case 2:
        return { ...base, location: { latitude: next() * 180 - 90, longitude: next() * 360 - 180 } };
      case 3:
        return {
          ...base,
          photo: [{ file_id: text(10) || "f", file_unique_id: "u", width: int(5000), height: int(5000), file_size: int(30_000_000) }],
          ...(next() < 0.5 ? { caption: text(40) } : {}),
        };
      case 4:
        return { ...base, sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } };
      case 5:
        return { ...base, voice: { file_id: "v", file_unique_id: "v", duration: 3 } };
      case 6:
        return { ...base, document: { file_id: "d", file_unique_id: "d" } };
      case 7:
        return { ...base, text: text(5000) };
      case 8:
        return {
          ...base,
          text: text(30),
          reply_to_message: { message_id: int(50), date: 1, chat: base.chat, from: { id: 123456, is_bot: true, first_name: "Bot" }, text: "card" },
        };
      case 9:
        return {
          ...base,
          poll: {
            id: "p",
            question: "q",
            options: [],
            total_voter_count: 0,
            is_closed: false,
            is_anonymous: true,
            type: "regular",
            allows_multiple_answers: false,
          },
        };
      default:
        return { ...base, text: text(200) };
    }
  };
  const update = (id: number): Record<string, unknown> => {
    switch (int(8)) {
      case 0:
      case 1:
      case 2:
        return { update_id: id, message: message() };
      case 3:
      case 4: {
        const from = user();
        return {
          update_id: id,
          callback_query: {
            id: String(int(1e9)),
            from,
            chat_instance: "c",
            data: pick(data),
            message: { message_id: int(100), date: 1, chat: chat(from), text: "x" },
          },
        };
      }
      case 5:
        return { update_id: id, edited_message: { ...message(), edit_date: 1 } };
      case 6:
        return { update_id: id, channel_post: { message_id: 1, date: 1, chat: { id: -100500, type: "channel", title: "C" }, text: text(30) } };
      default:
        return {
          update_id: id,
          my_chat_member: {
            chat: { id: 40_001, type: "private", first_name: "A" },
            from: user(),
            date: 1,
            old_chat_member: { status: "member", user: { id: 1, is_bot: true, first_name: "B" } },
            new_chat_member: { status: pick(["kicked", "member", "left"]), user: { id: 1, is_bot: true, first_name: "B" }, until_date: 0 },
          },
        };
    }
  };
  /** Deletes or replaces one value somewhere in the update with a value of another type. */
  const mutate = (value: Record<string, unknown>): Record<string, unknown> => {
    const copy = structuredClone(value);
    let node: Record<string, unknown> = copy;
    for (let depth = 0; depth < 4; depth += 1) {
      const keys = Object.keys(node);
      const key = pick(keys);
      if (key === undefined) break;
      const child = node[key];
      if (child && typeof child === "object" && !Array.isArray(child) && next() < 0.6) {
        node = child as Record<string, unknown>;
        continue;
      }
      if (next() < 0.3) delete node[key];
      else node[key] = pick<unknown>([null, 0, -1, 2 ** 60, "", text(10), [], {}, true, [1, "a"], { a: 1 }]);
      break;
    }
    return copy;
  };
  const body = (id: number): string => {
    const roll = next();
    if (roll < 0.03) return text(100);
    if (roll < 0.05) return JSON.stringify([update(id)]);
    if (roll < 0.06) return "null";
    const built = update(id);
    return JSON.stringify(roll < 0.45 ? mutate(built) : built);
  };
  return { body };
}

describe.each([
  { name: "SQLite", redis: false },
  { name: "Redis", redis: true },
])("fuzzing the Telegram webhook with random and mutated updates ($name)", (backend) => {
  let double: TelegramDouble;
  let viche: RunningViche;
  let redis: RedisServer | undefined;
  let port: number;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    if (backend.redis) {
      redis = await startRedisServer();
      if (!redis) return;
    }
    process.on("unhandledRejection", onUnhandled);
    double = await startTelegramDouble();
    port = await freePort();
    viche = await startViche({
      telegram: double,
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: String(port), ...(redis ? { STORAGE_URL: redis.url } : {}) },
      logLevel: "warn",
    });
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await viche?.stop();
    await double?.close();
    await redis?.stop();
  });

  it(`survives ${COUNT} of them and still answers /start`, async (context) => {
    if (backend.redis && !redis) return context.skip("redis-server is not installed");
    const { body } = generator(random(SEED));
    const statuses = new Map<number, number>();
    let nextId = 1_000_000;
    const worker = async () => {
      while (nextId < 1_000_000 + COUNT) {
        const id = nextId++;
        const response = await fetch(`http://127.0.0.1:${port}/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: body(id),
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBe(COUNT);
    expect(
      [...statuses.keys()].filter((status) => status !== 200 && status !== 400),
      `statuses: ${JSON.stringify([...statuses])}`,
    ).toEqual([]);
    expect(unhandled).toEqual([]);

    await double.sendText({ id: 49_999, first_name: "Після" }, "/start");
    const welcome = await double.waitFor((message) => message.chatId === 49_999, { timeoutMs: 10_000 });
    expect(visibleText(welcome)).toContain("Вітаємо");
  }, 300_000);
});
