import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startViberDouble, viberMessageButtons, type ViberDouble, type ViberUser } from "./viber-api.js";

const TOKEN = "viber-test-token";
const olena: ViberUser = { id: "01234567890A=", name: "Олена" };
const sender = { name: "Віче" };

/** A stand-in for the bot's webhook: verifies signatures, keeps raw bodies, answers a welcome. */
interface FakeBot {
  readonly url: string;
  readonly received: Array<{ raw: string; signature: string | undefined; valid: boolean }>;
  status: number;
  welcome: unknown;
  close(): Promise<void>;
}

async function startFakeBot(): Promise<FakeBot> {
  const received: FakeBot["received"] = [];
  const bot = { received, status: 200, welcome: undefined } as FakeBot & { server?: Server };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = req.headers["x-viber-content-signature"];
      const expected = createHmac("sha256", TOKEN).update(raw).digest();
      const given = typeof signature === "string" && /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, "hex") : Buffer.alloc(0);
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ raw, signature: typeof signature === "string" ? signature : undefined, valid });
      if (!valid) {
        res.writeHead(403).end();
        return;
      }
      const event = /"event":"([a-z_]+)"/.exec(raw)?.[1];
      if (event === "conversation_started" && bot.welcome !== undefined) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(bot.welcome));
        return;
      }
      res.writeHead(bot.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(bot, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/viber`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let double: ViberDouble;
let fakeBot: FakeBot;

async function call(endpoint: string, body: unknown, token: string | null = TOKEN): Promise<Record<string, unknown> & { rawText: string }> {
  const response = await fetch(`${double.apiRoot}/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token !== null ? { "X-Viber-Auth-Token": token } : {}) },
    body: JSON.stringify(body),
  });
  const rawText = await response.text();
  return { ...(JSON.parse(rawText) as Record<string, unknown>), rawText };
}

beforeEach(async () => {
  fakeBot = await startFakeBot();
  double = await startViberDouble({ webhookUrl: fakeBot.url });
});

afterEach(async () => {
  await double.close();
  await fakeBot.close();
});

describe("callbacks", () => {
  it("signs every callback with HMAC-SHA256 of the raw body keyed by the auth token", async () => {
    const result = await double.sendText(olena, "Привіт");
    expect(result.status).toBe(200);
    const received = fakeBot.received.at(-1);
    expect(received?.valid).toBe(true);
    expect(received?.signature).toBe(createHmac("sha256", TOKEN).update(result.rawBody).digest("hex"));
    expect(received?.raw).toBe(result.rawBody);
    const forged = await double.rawCallback(result.rawBody.replace("Привіт", "Hacked"), { signature: received?.signature ?? null });
    expect(forged.status).toBe(403);
    expect((await double.rawCallback("{not json", { signature: null })).status).toBe(403);
  });

  it("writes message_token as a raw JSON integer above 2^53, exactly as exposed", async () => {
    const result = await double.sendText(olena, "hi");
    expect(result.rawBody).toContain(`"message_token":${result.messageToken},`);
    expect(BigInt(result.messageToken) > 2n ** 53n).toBe(true);
    const naive = JSON.parse(result.rawBody) as { message_token: number };
    expect(String(naive.message_token)).not.toBe(result.messageToken);
    expect(fakeBot.received.at(-1)?.raw).toContain(`"message_token":${result.messageToken}`);
    expect(result.rawBody).toMatch(/"timestamp":\d{13},"chat_hostname":"SN-CHAT-03_"/);
    const delivered = await double.delivered(olena.id, "5491558218063986999");
    expect(delivered.rawBody).toContain('"message_token":5491558218063986999');
  });

  it("set_webhook answers 0 only when Viber's own webhook callback got 200", async () => {
    const other = await startFakeBot();
    try {
      const ok = await call("set_webhook", { url: other.url, event_types: ["delivered", "seen"] });
      expect(ok["status"]).toBe(0);
      expect(other.received[0]?.raw).toMatch(/^\{"event":"webhook","timestamp":\d+,"chat_hostname":"[^"]+","message_token":\d{19}\}$/);
      expect(other.received[0]?.valid).toBe(true);
      expect((await double.conversationStarted(olena)).sent).toBe(false);
      other.status = 500;
      const refused = await call("set_webhook", { url: `${other.url}/broken` });
      expect(refused["status"]).toBe(1);
      expect(double.webhook?.url).toBe(other.url);
    } finally {
      await other.close();
    }
  });

  it("returns the welcome message from conversation_started and checks it like send_message", async () => {
    fakeBot.welcome = {
      sender,
      type: "text",
      text: "Вітаємо у Віче!",
      keyboard: { Type: "keyboard", Buttons: [{ ActionType: "reply", ActionBody: "menu", Text: "Меню" }] },
    };
    const result = await double.conversationStarted(olena, { context: "complaint" });
    expect(result.body).toEqual(fakeBot.welcome);
    expect(fakeBot.received.at(-1)?.raw).toContain('"context":"complaint"');
    expect(fakeBot.received.at(-1)?.raw).toContain('"subscribed":false');
    expect(double.lastMessageTo(olena.id)).toMatchObject({ via: "welcome", text: "Вітаємо у Віче!", billable: false });
    fakeBot.welcome = { type: "text", text: "no sender" };
    await double.conversationStarted(olena);
    expect(double.errors.map((e) => [e.endpoint, e.status])).toEqual([["welcome", 4]]);
  });
});

describe("send_message", () => {
  it("refuses requests without the auth token", async () => {
    await double.sendText(olena, "hi");
    const answer = await call("send_message", { receiver: olena.id, sender, type: "text", text: "hi" }, null);
    expect(answer["status"]).toBe(2);
    expect(answer["status_message"]).toBe("invalid auth token");
    expect((await call("send_message", { receiver: olena.id, sender, type: "text", text: "hi" }, "wrong"))["status"]).toBe(2);
    expect(double.errors).toHaveLength(2);
    expect(double.sent).toEqual([]);
  });

  it("refuses users who are not subscribed; conversation_started alone does not subscribe", async () => {
    await double.conversationStarted(olena);
    const message = { receiver: olena.id, sender, type: "text", text: "Дякуємо" };
    const refused = await call("send_message", message);
    expect([refused["status"], refused["status_message"]]).toEqual([6, "receiverNotSubscribed"]);
    await double.sendText(olena, "Привіт");
    const ok = await call("send_message", message);
    expect(ok["status"]).toBe(0);
    expect(ok.rawText).toMatch(/"message_token":\d{19},/);
    expect(double.lastMessageTo(olena.id)?.messageToken).toBe(/"message_token":(\d+)/.exec(ok.rawText)?.[1]);
    await double.unsubscribed(olena.id);
    expect((await call("send_message", message))["status"]).toBe(6);
  });

  it("requires min_api_version 3 for share-phone and location-picker buttons", async () => {
    await double.sendText(olena, "hi");
    const keyboard = { Type: "keyboard", Buttons: [{ ActionType: "share-phone", ActionBody: "phone", Text: "Поділитися номером" }] };
    const refused = await call("send_message", { receiver: olena.id, sender, type: "text", text: "Ваш номер?", keyboard });
    expect(refused["status"]).toBe(3);
    expect(String(refused["status_message"])).toMatch(/share-phone.*min_api_version 3/);
    const ok = await call("send_message", { receiver: olena.id, sender, type: "text", text: "Ваш номер?", keyboard, min_api_version: 3 });
    expect(ok["status"]).toBe(0);
  });

  it("checks sizes: text 7000, sender name 28, tracking_data 4000, keyboard buttons", async () => {
    await double.sendText(olena, "hi");
    const send = (extra: Record<string, unknown>) => call("send_message", { receiver: olena.id, sender, type: "text", text: "x", ...extra });
    expect((await send({ text: "ї".repeat(7000) }))["status"]).toBe(0);
    expect((await send({ text: "a".repeat(7001) }))["status"]).toBe(3);
    expect((await send({ text: "" }))["status"]).toBe(3);
    expect((await send({ sender: { name: "x".repeat(29) } }))["status"]).toBe(3);
    expect((await send({ tracking_data: "t".repeat(4001) }))["status"]).toBe(3);
    expect((await send({ type: "video" }))["status"]).toBe(3);
    const button = { ActionType: "reply", ActionBody: "b", Text: "B" };
    expect((await send({ keyboard: { Type: "keyboard", Buttons: Array(25).fill(button) } }))["status"]).toBe(3);
    expect((await send({ keyboard: { Type: "keyboard", Buttons: [{ ...button, ActionBody: "" }] } }))["status"]).toBe(3);
    expect((await send({ keyboard: { Type: "keyboard", Buttons: [{ ...button, Columns: 7 }] } }))["status"]).toBe(3);
    expect((await send({ type: "picture", text: "фото" }))["status"]).toBe(4);
    expect(double.errors).toHaveLength(9);
  });

  it("limits unanswered messages per user per hour and echoes tracking_data", async () => {
    await double.close();
    double = await startViberDouble({ webhookUrl: fakeBot.url, maxUnansweredPerHour: 2 });
    await double.sendText(olena, "hi");
    const send = () => call("send_message", { receiver: olena.id, sender, type: "text", text: "news", tracking_data: "step:2" });
    expect((await send())["status"]).toBe(0);
    expect((await send())["status"]).toBe(0);
    expect((await send())["status"]).toBe(12);
    const reply = await double.sendText(olena, "ok");
    expect(reply.rawBody).toContain('"tracking_data":"step:2"');
    expect((await send())["status"]).toBe(0);
    double.advanceTime(25 * 3_600_000);
    expect((await send())["status"]).toBe(0);
    expect(double.lastMessageTo(olena.id)?.billable).toBe(true);
  });

  it("presses only buttons on the keyboard the client shows", async () => {
    await double.sendText(olena, "hi");
    const keyboard = { Type: "keyboard", Buttons: [{ ActionBody: "lang:uk", Text: "<b>Українська</b>" }] };
    await call("send_message", { receiver: olena.id, sender, type: "text", text: "Мова?", keyboard });
    expect(viberMessageButtons(double.lastMessageTo(olena.id)!).map((b) => b.text)).toEqual(["Українська"]);
    const pressed = await double.pressButton(olena, "lang:uk");
    expect(pressed.rawBody).toContain('"text":"lang:uk"');
    const mark = double.sent.length;
    await call("send_message", { receiver: olena.id, sender, type: "text", text: "Готово" });
    expect((await double.waitFor((m) => m.receiver === olena.id, { after: mark })).text).toBe("Готово");
    await expect(double.pressButton(olena, "lang:uk")).rejects.toThrow(/No button with ActionBody "lang:uk"/);
  });

  it("serves a received picture until its media URL expires", async () => {
    const result = await double.sendPicture(olena);
    expect(result.rawBody).toContain(`"media":"${result.mediaUrl}"`);
    expect((await fetch(result.mediaUrl)).status).toBe(200);
    double.advanceTime(61_000);
    expect((await fetch(result.mediaUrl)).status).toBe(404);
  });

  it("broadcasts to at most 300 ids and lists the ones that failed", async () => {
    await double.sendText(olena, "hi");
    const answer = await call("broadcast_message", { broadcast_list: [olena.id, "ZZZ="], sender, type: "text", text: "Збори у четвер" });
    expect(answer["status"]).toBe(0);
    expect(answer["failed_list"]).toEqual([{ receiver: "ZZZ=", status: 6, status_message: "receiverNotSubscribed" }]);
    const tooMany = await call("broadcast_message", { broadcast_list: Array.from({ length: 301 }, (_, i) => `${i}=`), sender, type: "text", text: "x" });
    expect(tooMany["status"]).toBe(3);
  });

  it("injects HTTP and Viber-status failures", async () => {
    await double.sendText(olena, "hi");
    const message = { receiver: olena.id, sender, type: "text", text: "x" };
    double.failNext("send_message", { httpStatus: 503 });
    const failed = await fetch(`${double.apiRoot}/send_message`, { method: "POST", headers: { "X-Viber-Auth-Token": TOKEN }, body: JSON.stringify(message) });
    expect(failed.status).toBe(503);
    double.setOutage({ endpoint: "send_message", viberStatus: 12 });
    expect((await call("send_message", message))["status"]).toBe(12);
    double.setOutage(null);
    expect((await call("send_message", message))["status"]).toBe(0);
    expect(double.errors).toEqual([]);
  });
});
