import { gzipSync } from "node:zlib";
import { Api, HttpError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/core/outbox/outbox.js";
import { leanFetch } from "../../src/transports/http.js";
import { ViberClient } from "../../src/transports/viber/client.js";
import { parseMultipart, readBody, sendJson, startLoopbackServer, type LoopbackServer } from "../doubles/http-kit.js";

/**
 * The HTTP client of both transports (src/transports/http.ts), as grammY uses it for the Bot API,
 * against a loopback server that answers as Telegram does, and as a broken proxy or a hung server
 * would; and as ViberClient uses it, for what the Viber double does not play (HTTP-level refusals).
 */
const TOKEN = "123:test-token";
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<Api> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return new Api(TOKEN, { apiRoot: server.origin, fetch: leanFetch as never, timeoutSeconds: 2 });
}

const sentMessage = (chatId: number, text: string) => ({
  message_id: 7,
  date: 1_700_000_000,
  chat: { id: chatId, type: "private", first_name: "Ганна" },
  text,
});

describe("the HTTP client of the transports, under grammY", () => {
  it("posts the JSON grammY builds, Ukrainian text intact, and returns Telegram's result", async () => {
    const seen: { path?: string; body?: unknown; length?: string } = {};
    const api = await serve(async (req, res) => {
      const body = await readBody(req, 1 << 20);
      seen.path = req.url;
      seen.length = req.headers["content-length"];
      seen.body = JSON.parse(body?.toString("utf8") ?? "null");
      const { chat_id, text } = seen.body as { chat_id: number; text: string };
      sendJson(res, 200, { ok: true, result: sentMessage(chat_id, text) });
    });
    const message = await api.sendMessage(42, "Яма на дорозі біля школи — «терміново»", {
      reply_markup: { inline_keyboard: [[{ text: "🏠 Меню", callback_data: "menu" }]] },
    });
    expect(message.text).toBe("Яма на дорозі біля школи — «терміново»");
    expect(seen.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(seen.body).toMatchObject({ chat_id: 42, reply_markup: { inline_keyboard: [[{ text: "🏠 Меню", callback_data: "menu" }]] } });
    expect(Number(seen.length)).toBe(Buffer.byteLength(JSON.stringify(seen.body)));
  });

  it("reads a gzip-compressed answer", async () => {
    const api = await serve(async (req, res) => {
      await readBody(req, 1 << 20);
      const bytes = gzipSync(JSON.stringify({ ok: true, result: sentMessage(5, "стиснуто") }));
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bytes.length });
      res.end(bytes);
    });
    expect((await api.sendMessage(5, "стиснуто")).text).toBe("стиснуто");
  });

  it("passes Telegram's refusal on as grammY's error, with its code and description", async () => {
    const api = await serve(async (req, res) => {
      await readBody(req, 1 << 20);
      sendJson(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    });
    await expect(api.sendMessage(9, "привіт")).rejects.toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
  });

  it("turns a proxy's HTML error page into an HttpError (Telegram unreachable), not a crash", async () => {
    const api = await serve(async (req, res) => {
      await readBody(req, 1 << 20);
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>502 Bad Gateway</body></html>");
    });
    await expect(api.sendMessage(9, "привіт")).rejects.toBeInstanceOf(HttpError);
  });

  it("gives up on a server that never answers and closes the connection", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const api = await serve(async (req) => {
      req.socket.once("close", () => closed());
      await new Promise(() => undefined); // hangs
    });
    await expect(api.sendMessage(9, "привіт")).rejects.toBeInstanceOf(HttpError);
    await connectionClosed;
  });

  it("rejects an answer cut off halfway (no timeout needed to notice), and grammY reports it as an HttpError", async () => {
    const server = await startLoopbackServer(async (req, res) => {
      await readBody(req, 1 << 20);
      res.writeHead(200, { "content-type": "application/json", "content-length": 500 });
      res.write('{"ok":true,"result":{"message_id":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    servers.push(server);
    const answer = await leanFetch(`${server.origin}/bot${TOKEN}/sendMessage`, { method: "POST", body: "{}" });
    await expect(answer.text()).rejects.toThrow("cut off");
    const api = new Api(TOKEN, { apiRoot: server.origin, fetch: leanFetch as never, timeoutSeconds: 2 });
    await expect(api.sendMessage(9, "привіт")).rejects.toBeInstanceOf(HttpError);
  });

  it("refuses a server that is not there with an HttpError", async () => {
    const server = await startLoopbackServer(async () => undefined);
    await server.close();
    const api = new Api(TOKEN, { apiRoot: server.origin, fetch: leanFetch as never, timeoutSeconds: 2 });
    await expect(api.sendMessage(9, "привіт")).rejects.toBeInstanceOf(HttpError);
  });

  it("uploads a file as multipart form data, bytes intact", async () => {
    const csv = Buffer.from("номер;категорія\n1;дороги\n", "utf8");
    let uploaded: Buffer | undefined;
    let caption: string | undefined;
    const api = await serve(async (req, res) => {
      const body = await readBody(req, 1 << 20);
      const form = parseMultipart(body ?? Buffer.alloc(0), req.headers["content-type"] ?? "");
      if (form instanceof Error) throw form;
      uploaded = [...form.files.values()][0]?.bytes;
      caption = form.fields.get("caption");
      sendJson(res, 200, { ok: true, result: { ...sentMessage(-100, ""), document: { file_id: "f", file_unique_id: "u" } } });
    });
    await api.sendDocument(-100, new InputFile(csv, "reports.csv"), { caption: "Звіт" });
    expect(uploaded?.equals(csv)).toBe(true);
    expect(caption).toBe("Звіт");
  });
});

describe("the HTTP client of the transports, under ViberClient", () => {
  async function viber(handler: Parameters<typeof startLoopbackServer>[0], timeoutMs = 2_000): Promise<ViberClient> {
    const server = await startLoopbackServer(handler);
    servers.push(server);
    return new ViberClient(server.origin, "viber-token", timeoutMs);
  }

  it("sends the token in its header and returns Viber's answer, message token exact", async () => {
    let token: string | undefined;
    const client = await viber(async (req, res) => {
      await readBody(req, 1 << 20);
      token = req.headers["x-viber-auth-token"] as string | undefined;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"status":0,"status_message":"ok","message_token":5741311803571721087}');
    });
    const answer = await client.call("send_message", { receiver: "r1", type: "text", text: "Вітаємо" });
    expect(token).toBe("viber-token");
    expect(answer.message_token).toBe("5741311803571721087");
  });

  it("reads Retry-After of an HTTP 429 as the wait before the next try", async () => {
    const client = await viber(async (req, res) => {
      await readBody(req, 1 << 20);
      res.writeHead(429, { "retry-after": "7" });
      res.end();
    });
    const error = await client.call("send_message", { receiver: "r1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ reason: "rate-limited", permanent: false, retryAfterMs: 7_000 });
  });

  it("counts a server that never answers as unavailable, so the outbox tries again later", async () => {
    const client = await viber(async () => new Promise<void>(() => undefined), 300);
    await expect(client.call("send_message", { receiver: "r1" })).rejects.toMatchObject({ reason: "unavailable", permanent: false });
  });
});
