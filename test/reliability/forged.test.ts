import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { startViberDouble, type ViberDouble } from "../doubles/viber-api.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { freePort, startViche, type RunningViche } from "../helpers/viche.js";

const SECRET = "forged-test-secret";

/** Sends a request and resolves with the status, or "hung" when nothing came back in `limitMs`. */
function send(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; finish?: boolean; limitMs?: number },
): Promise<number | "hung"> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: options.path, method: options.method ?? "POST", headers: options.headers ?? {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve("hung");
    }, options.limitMs ?? 3000);
    req.on("error", () => {
      clearTimeout(timer);
      resolve("hung");
    });
    if (options.body !== undefined) req.write(options.body);
    if (options.finish !== false) req.end();
  });
}

const backends = [
  { name: "SQLite", redis: false },
  { name: "Redis", redis: true },
];

describe.each(backends)("forged and malformed webhooks are refused, and none hangs ($name)", (backend) => {
  let telegram: TelegramDouble;
  let viber: ViberDouble;
  let viche: RunningViche;
  let redis: RedisServer | undefined;
  let port: number;
  let skip = false;

  beforeAll(async () => {
    if (backend.redis) {
      redis = await startRedisServer({ persistent: true });
      if (!redis) {
        skip = true;
        return;
      }
    }
    telegram = await startTelegramDouble();
    viber = await startViberDouble();
    port = await freePort();
    viche = await startViche({
      telegram,
      env: {
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        VIBER_AUTH_TOKEN: viber.authToken,
        VIBER_BOT_NAME: "Віче",
        VIBER_API_ROOT: viber.apiRoot,
        ...(redis ? { STORAGE_URL: redis.url } : {}),
      },
      bodyTimeoutMs: 500,
    });
  });
  afterAll(async () => {
    await viche?.stop();
    await viber?.close();
    await telegram?.close();
    await redis?.stop();
  });

  const update = JSON.stringify({
    update_id: 777,
    message: {
      message_id: 1,
      date: 1,
      chat: { id: 66_001, type: "private", first_name: "Forger" },
      from: { id: 66_001, is_bot: false, first_name: "Forger" },
      text: "/start",
    },
  });

  it("refuses Telegram updates without the secret or with a wrong one, and changes nothing", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    expect(await send(port, { path: "/telegram", headers: { "content-type": "application/json" }, body: update })).toBe(401);
    expect(
      await send(port, { path: "/telegram", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "guess" }, body: update }),
    ).toBe(401);
    expect(await viche.app.core.residents.get({ channel: "telegram", id: "66001" })).toBeUndefined();
    expect(telegram.messagesTo(66_001)).toEqual([]);
  });

  it("refuses Viber callbacks with a missing or wrong signature, and changes nothing", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    const callback = `{"event":"message","timestamp":1,"message_token":5491558218063986001,"sender":{"id":"Zm9yZ2Vk","name":"x"},"message":{"type":"text","text":"/start"}}`;
    expect(await send(port, { path: "/viber", headers: { "content-type": "application/json" }, body: callback })).toBe(401);
    expect(
      await send(port, {
        path: "/viber",
        headers: { "content-type": "application/json", "x-viber-content-signature": viber.sign(callback).replace(/^./, "0") },
        body: callback,
      }),
    ).toBe(401);
    expect(await viche.app.core.residents.get({ channel: "viber", id: "Zm9yZ2Vk" })).toBeUndefined();
  });

  it("answers malformed, oversized, unknown and slow requests with 4xx instead of 500 or a hang", async (context) => {
    if (skip) return context.skip("redis-server is not installed");
    const telegramHeaders = { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET };
    expect(await send(port, { path: "/telegram", headers: telegramHeaders, body: "{not json" })).toBe(400);
    expect(await send(port, { path: "/telegram", headers: telegramHeaders, body: '{"update_id":"seven"}' })).toBe(400);
    expect(await send(port, { path: "/telegram", headers: {}, body: "" })).toBe(401);
    const junk = "{not json";
    expect(await send(port, { path: "/viber", headers: { "x-viber-content-signature": viber.sign(junk) }, body: junk })).toBe(400);
    expect(await send(port, { path: "/viber", headers: { "x-viber-content-signature": viber.sign("[]") }, body: "[]" })).toBe(400);
    const oversized = Buffer.alloc(2 * 1024 * 1024, 32);
    expect(await send(port, { path: "/telegram", headers: { ...telegramHeaders, "content-length": String(oversized.length) }, body: oversized })).toBe(413);
    expect(await send(port, { path: "/nowhere", method: "GET" })).toBe(404);
    // A client that sends half a body and stops is cut off rather than left waiting forever.
    expect(await send(port, { path: "/telegram", headers: { ...telegramHeaders, "content-length": "1000" }, body: '{"update_id":', finish: false })).toBe(408);
    expect(await send(port, { path: "/healthz", method: "GET" })).toBe(200);
  });
});

describe("/healthz follows storage", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche;
  let redis: RedisServer | undefined;
  let port: number;

  beforeAll(async () => {
    redis = await startRedisServer({ persistent: true });
    if (!redis) return;
    telegram = await startTelegramDouble();
    port = await freePort();
    viche = await startViche({
      telegram,
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: String(port), STORAGE_URL: redis.url },
    });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    await redis?.stop();
  });

  it("reports 503 on /healthz while storage does not answer", async (context) => {
    if (!redis) return context.skip("redis-server is not installed");
    await redis.stop();
    expect(await send(port, { path: "/healthz", method: "GET", limitMs: 5000 })).toBe(503);
    await redis.restart();
    let status: number | "hung" = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      status = await send(port, { path: "/healthz", method: "GET" });
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });
});
