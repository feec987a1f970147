import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { Bot, GrammyError, InputFile, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, startTelegramDouble, visibleText, type TelegramDouble } from "./telegram-api.js";

const resident = { id: 5001, first_name: "Оксана", language_code: "uk" };
const organiser = { id: 7001, first_name: "Organiser" };
const GROUP = -1001234567890;

let double: TelegramDouble;
let bot: Bot;

beforeEach(async () => {
  double = await startTelegramDouble();
  bot = new Bot(double.token, { client: { apiRoot: double.apiRoot } });
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await double.close();
});

async function refusal(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

describe("sendMessage", () => {
  it("accepts and records a valid message to a known chat", async () => {
    await double.sendText(resident, "привіт");
    const message = await bot.api.sendMessage(resident.id, "<b>Вітаємо</b> у Віче", {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Скарга", callback_data: "flow:complaint" }]] },
    });
    expect(message.message_id).toBe(2);
    expect(message.text).toBe("Вітаємо у Віче");
    expect(message.from?.username).toBe("viche_test_bot");
    const sent = double.lastMessageTo(resident.id);
    expect(sent?.text).toBe("<b>Вітаємо</b> у Віче");
    expect(sent?.parseMode).toBe("HTML");
    expect(sent && visibleText(sent)).toBe("Вітаємо у Віче");
    expect(sent && buttonsOf(sent)).toEqual(["Скарга"]);
    expect(double.errors).toEqual([]);
  });

  it("refuses unknown chats and empty text", async () => {
    expect((await refusal(bot.api.sendMessage(999, "hi"))).description).toBe("Bad Request: chat not found");
    await double.sendText(resident, "hi");
    expect((await refusal(bot.api.sendMessage(resident.id, "   "))).description).toBe("Bad Request: message text is empty");
    expect(double.errors.map((e) => e.description)).toHaveLength(2);
  });

  it("counts 4096 visible characters after HTML parsing and refuses 4097", async () => {
    await double.sendText(resident, "hi");
    await bot.api.sendMessage(resident.id, "я".repeat(4096));
    await bot.api.sendMessage(resident.id, `<b>${"a".repeat(4000)}</b>${"&amp;".repeat(96)}`, { parse_mode: "HTML" });
    const error = await refusal(bot.api.sendMessage(resident.id, "я".repeat(4097)));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe("Bad Request: message is too long");
  });

  it("refuses malformed HTML and accepts escaped text", async () => {
    await double.sendText(resident, "hi");
    const send = (text: string) => bot.api.sendMessage(resident.id, text, { parse_mode: "HTML" });
    expect((await refusal(send("<b>unclosed"))).description).toBe("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
    expect((await refusal(send("a & b"))).description).toMatch(/^Bad Request: can't parse entities: Character '&' at byte offset 2/);
    expect((await refusal(send("<script>alert(1)</script>"))).description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0',
    );
    expect((await refusal(send("1 < 2"))).description).toMatch(/Unsupported start tag "" at byte offset 2/);
    expect((await refusal(send("<b><i>x</b></i>"))).description).toMatch(/Unmatched end tag/);
    expect((await refusal(send('<span class="x">s</span>'))).description).toMatch(/must have class "tg-spoiler"/);
    const ok = await send('a &amp; b &lt;script&gt; &#1111; <a href="https://x.org/?a=1&amp;b=2">link</a> <blockquote expandable>q</blockquote>');
    expect(ok.text).toBe("a & b <script> ї link q");
    expect(double.errors).toHaveLength(6);
  });

  it("validates MarkdownV2 reserved characters", async () => {
    await double.sendText(resident, "hi");
    const error = await refusal(bot.api.sendMessage(resident.id, "Дякуємо!", { parse_mode: "MarkdownV2" }));
    expect(error.description).toBe("Bad Request: can't parse entities: Character '!' is reserved and must be escaped with the preceding '\\'");
    const ok = await bot.api.sendMessage(resident.id, "*Дякуємо\\!* _так_", { parse_mode: "MarkdownV2" });
    expect(ok.text).toBe("Дякуємо! так");
  });
});

describe("reply markup", () => {
  it("refuses callback_data over 64 bytes (UTF-8) and buttons without one action", async () => {
    await double.sendText(resident, "hi");
    const keyboard = (data: string) => ({ reply_markup: { inline_keyboard: [[{ text: "x", callback_data: data }]] } });
    await bot.api.sendMessage(resident.id, "ok", keyboard("a".repeat(64)));
    expect((await refusal(bot.api.sendMessage(resident.id, "x", keyboard("a".repeat(65))))).description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await refusal(bot.api.sendMessage(resident.id, "x", keyboard("ї".repeat(33))))).description).toBe("Bad Request: BUTTON_DATA_INVALID");
    const noAction = await refusal(bot.api.sendMessage(resident.id, "x", { reply_markup: { inline_keyboard: [[{ text: "x" } as never]] } }));
    expect(noAction.description).toMatch(/Text buttons are unallowed in the inline keyboard/);
  });

  it("allows request_contact only in private chats", async () => {
    double.addGroup(GROUP, { members: [organiser.id] });
    await double.sendText(resident, "hi");
    const markup = { reply_markup: { keyboard: [[{ text: "Поділитися номером", request_contact: true }]], resize_keyboard: true } };
    await bot.api.sendMessage(resident.id, "Ваш номер?", markup);
    const error = await refusal(bot.api.sendMessage(GROUP, "Ваш номер?", markup));
    expect(error.description).toBe("Bad Request: phone number can be requested in private chats only");
  });
});

describe("updates", () => {
  it("long-polls: getUpdates receives a text sent by a helper", async () => {
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    void bot.start({ timeout: 10 });
    await double.waitForPolling();
    await double.sendText(resident, "ping");
    const reply = await double.waitFor((m) => m.text === "echo: ping", { timeoutMs: 5_000 });
    expect(reply.chatId).toBe(resident.id);
    await bot.stop();
    const methods = double.calls.map((c) => c.method);
    expect(methods.slice(0, 2).sort()).toEqual(["deleteWebhook", "getMe"]);
    expect(methods).toContain("getUpdates");
    expect(double.errors).toEqual([]);
  });

  it("delivers to the webhook with the secret header and runs webhook replies", async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        const update = JSON.parse(body) as { message?: { chat: { id: number } } };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: "sendMessage", chat_id: update.message?.chat.id, text: "got it" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
    try {
      expect((await refusal(bot.api.setWebhook(url, { secret_token: "bad secret!" }))).description).toMatch(/secret token/);
      await bot.api.setWebhook(url, { secret_token: "s3cr3t_-X" });
      expect((await bot.api.getWebhookInfo()).url).toBe(url);
      const update = await double.sendText(resident, "hello");
      expect(received).toHaveLength(1);
      expect(received[0]?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cr3t_-X");
      expect(JSON.parse(received[0]?.body ?? "{}")).toEqual(update);
      expect(double.deliveries.at(-1)?.status).toBe(200);
      expect(double.lastMessageTo(resident.id)?.text).toBe("got it");
      expect(double.calls.at(-1)?.viaWebhookReply).toBe(true);
      expect((await refusal(bot.api.getUpdates())).error_code).toBe(409);
    } finally {
      server.close();
    }
  });

  it("works with grammY's own webhookCallback and secretToken", async () => {
    bot.command("start", (ctx) => ctx.reply(`Вітаємо! payload=${ctx.match}`));
    const handler = webhookCallback(bot, "http", { secretToken: "viche-secret" });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await bot.init();
      await bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { secret_token: "viche-secret" });
      await double.sendCommand(resident, "start", "c_42");
      expect(double.deliveries.at(-1)?.status).toBe(200);
      expect(double.lastMessageTo(resident.id)?.text).toBe("Вітаємо! payload=c_42");
      await bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { secret_token: "other-secret" });
      await double.sendText(resident, "/start");
      expect(double.deliveries.at(-1)?.status).toBe(401);
      expect((await bot.api.getWebhookInfo()).last_error_message).toMatch(/401/);
    } finally {
      server.close();
    }
  });

  it("presses only buttons the bot showed, and tracks callback answers", async () => {
    const pressed: string[] = [];
    bot.on("callback_query:data", async (ctx) => {
      pressed.push(ctx.callbackQuery.data);
      await ctx.answerCallbackQuery({ text: "OK" });
    });
    await double.sendText(resident, "hi");
    await bot.api.sendMessage(resident.id, "Оберіть", { reply_markup: { inline_keyboard: [[{ text: "Так", callback_data: "yes" }]] } });
    await expect(double.pressButton(resident, "no")).rejects.toThrow(/No button "no" is shown.*\n.*\[Так → yes\]/);
    const update = await double.pressButton(resident, "Так");
    expect(update.callback_query?.message?.message_id).toBe(2);
    await bot.init();
    const updates = await bot.api.getUpdates({ offset: 0 });
    for (const u of updates) await bot.handleUpdate(u);
    expect(pressed).toEqual(["yes"]);
    expect(double.unansweredCallbackQueries()).toEqual([]);
    expect(double.callbackQuery(update.callback_query?.id ?? "")?.answer?.text).toBe("OK");
    expect((await refusal(bot.api.answerCallbackQuery(update.callback_query?.id ?? ""))).description).toMatch(/query is too old/);
  });

  it("withholds update types left out of allowed_updates", async () => {
    await double.sendText(resident, "hi");
    await bot.api.sendMessage(resident.id, "?", { reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] } });
    await bot.api.getUpdates({ allowed_updates: ["message"] });
    await double.pressButton(resident, "ok");
    expect(double.deliveries.at(-1)?.via).toBe("filtered");
    await bot.api.getUpdates({ allowed_updates: [] });
    await double.pressButton(resident, "ok");
    expect(double.deliveries.at(-1)?.via).toBe("getUpdates");
  });

  it("hides plain group messages from a non-admin bot (privacy mode)", async () => {
    double.addGroup(GROUP, { members: [organiser.id] });
    const card = await (async () => {
      await double.groupCommand(GROUP, organiser, "/stats");
      return bot.api.sendMessage(GROUP, "Картка #1");
    })();
    await double.groupText(GROUP, organiser, "chatter");
    await double.groupReply(GROUP, organiser, card.message_id, "Відповідь мешканцю");
    const texts = double.pendingUpdates.map((u) => u.message?.text);
    expect(texts).toEqual(["/stats", "Відповідь мешканцю"]);
    expect(double.pendingUpdates[0]?.message?.entities?.[0]).toEqual({ type: "bot_command", offset: 0, length: 6 });
    expect(double.hiddenUpdates.map((u) => u.message?.text)).toEqual(["chatter"]);
  });
});

describe("limits and faults", () => {
  it("answers 429 with retry_after over the per-chat and per-group limits", async () => {
    const limited = await startTelegramDouble({ limits: { perChatPerSecond: 1, perGroupPerMinute: 2 } });
    const api = new Bot(limited.token, { client: { apiRoot: limited.apiRoot } }).api;
    try {
      await limited.sendText(resident, "hi");
      await api.sendMessage(resident.id, "one");
      const error = await refusal(api.sendMessage(resident.id, "two"));
      expect(error.error_code).toBe(429);
      expect(error.parameters.retry_after).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(error.parameters.retry_after)).toBe(true);
      limited.addGroup(GROUP);
      await api.sendMessage(GROUP, "a");
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      await api.sendMessage(GROUP, "b");
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      const group = await refusal(api.sendMessage(GROUP, "c"));
      expect(group.error_code).toBe(429);
      expect(group.parameters.retry_after).toBeGreaterThan(50);
      expect(limited.errors).toEqual([]);
      expect(limited.calls.filter((c) => c.kind === "rate-limited")).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it("injects failures with failNext and setOutage", async () => {
    double.addGroup(GROUP);
    double.failNext("sendMessage", { status: 502, chatId: GROUP, times: 2 });
    expect((await refusal(bot.api.sendMessage(GROUP, "1"))).error_code).toBe(502);
    expect((await refusal(bot.api.sendMessage(GROUP, "2"))).error_code).toBe(502);
    await bot.api.sendMessage(GROUP, "3");
    double.failNext("sendMessage", { status: 429, retryAfter: 7 });
    expect((await refusal(bot.api.sendMessage(GROUP, "4"))).parameters.retry_after).toBe(7);
    double.setOutage({ method: "sendMessage", chatId: GROUP });
    expect((await refusal(bot.api.sendMessage(GROUP, "5"))).error_code).toBe(502);
    double.setOutage(null);
    await bot.api.sendMessage(GROUP, "6");
    expect(double.messagesTo(GROUP).map((m) => m.text)).toEqual(["3", "6"]);
    expect(double.errors).toEqual([]);
  });

  it("answers 403 for a chat that blocked the bot, outside errors", async () => {
    await double.sendText(resident, "hi");
    await double.blockChat(resident.id);
    expect(double.pendingUpdates.at(-1)?.my_chat_member?.new_chat_member.status).toBe("kicked");
    const error = await refusal(bot.api.sendMessage(resident.id, "are you there?"));
    expect(error.error_code).toBe(403);
    expect(error.description).toBe("Forbidden: bot was blocked by the user");
    expect(double.errors).toEqual([]);
  });

  it("refuses a wrong token and unknown methods", async () => {
    const stranger = new Bot("654321:OTHER", { client: { apiRoot: double.apiRoot } });
    const unauthorized = await refusal(stranger.api.getMe());
    expect([unauthorized.error_code, unauthorized.description]).toEqual([401, "Unauthorized"]);
    const response = await fetch(`${double.apiRoot}/bot${double.token}/sendTelepathy`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: "Not Found: method not found" });
  });
});

describe("files", () => {
  it("records multipart sendDocument bytes and file name", async () => {
    await double.sendText(organiser, "/export");
    const csv = "id,status\n1,new\n2,done\n";
    const message = await bot.api.sendDocument(organiser.id, new InputFile(Buffer.from(csv), "звіт 2024.csv"), { caption: "Експорт" });
    expect(message.document?.file_name).toBe("звіт 2024.csv");
    const sent = double.lastMessageTo(organiser.id);
    expect(sent?.document?.bytes?.toString()).toBe(csv);
    expect(sent?.document?.mimeType).toBe("text/csv");
    expect(sent?.caption).toBe("Експорт");
    expect(double.calls.at(-1)?.params["document"]).toMatch(/^attach:\/\//);
  });

  it("records uploaded photo size and refuses bytes that are not an image", async () => {
    await double.sendText(resident, "hi");
    const jpeg = readFileSync(new URL("../fixtures/photo.jpg", import.meta.url));
    await bot.api.sendPhoto(resident.id, new InputFile(jpeg), {
      caption: "<i>фото</i>",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Далі", callback_data: "next" }]] },
    });
    const sent = double.lastMessageTo(resident.id);
    expect(sent?.photo?.size).toBe(jpeg.length);
    expect(sent && visibleText(sent)).toBe("фото");
    expect(sent?.message.reply_markup).toEqual({ inline_keyboard: [[{ text: "Далі", callback_data: "next" }]] });
    const tooLong = await refusal(bot.api.sendPhoto(resident.id, new InputFile(jpeg), { caption: "я".repeat(1025) }));
    expect(tooLong.description).toBe("Bad Request: message caption is too long");
    const badData = await refusal(
      bot.api.sendPhoto(resident.id, new InputFile(jpeg), { reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "x".repeat(65) }]] } }),
    );
    expect(badData.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await refusal(bot.api.sendPhoto(resident.id, new InputFile(Buffer.from("not an image"))))).description).toBe("Bad Request: IMAGE_PROCESS_FAILED");
    expect((await refusal(bot.api.sendPhoto(resident.id, "AgACAgIAAxkBAAI-unknown"))).description).toBe(
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
  });

  it("serves a resident's photo through getFile and the file URL", async () => {
    const bytes = readFileSync(new URL("../fixtures/photo.jpg", import.meta.url));
    const update = await double.sendPhoto(resident, { caption: "яма на дорозі" });
    const largest = update.message?.photo?.at(-1);
    const file = await bot.api.getFile(largest?.file_id ?? "");
    const response = await fetch(`${double.apiRoot}/file/bot${double.token}/${file.file_path ?? ""}`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    await bot.api.sendPhoto(-1, largest?.file_id ?? "").catch(() => undefined);
    double.addGroup(GROUP);
    await bot.api.sendPhoto(GROUP, largest?.file_id ?? "", { caption: "Нова скарга" });
    expect(double.lastMessageTo(GROUP)?.photo?.fileId).toBe(largest?.file_id);
  });
});

describe("more rules", () => {
  it("checks replies, forum threads, edits and commands", async () => {
    double.addGroup(GROUP, { isForum: true, botIsAdmin: true, members: [organiser.id] });
    expect((await refusal(bot.api.sendMessage(GROUP, "x", { reply_parameters: { message_id: 42 } }))).description).toBe(
      "Bad Request: message to be replied not found",
    );
    await bot.api.sendMessage(GROUP, "x", { reply_parameters: { message_id: 42, allow_sending_without_reply: true } });
    expect((await refusal(bot.api.sendMessage(GROUP, "x", { message_thread_id: 777 }))).description).toBe("Bad Request: message thread not found");
    const topic = await bot.api.createForumTopic(GROUP, "Скарги");
    const card = await bot.api.sendMessage(GROUP, "Картка", {
      message_thread_id: topic.message_thread_id,
      reply_markup: { inline_keyboard: [[{ text: "Прийнято", callback_data: "s:1:accepted" }]] },
    });
    expect(card.message_thread_id).toBe(topic.message_thread_id);
    await expect(bot.api.editMessageText(GROUP, card.message_id, "Картка", { reply_markup: card.reply_markup })).rejects.toThrow(/message is not modified/);
    const edited = await bot.api.editMessageText(GROUP, card.message_id, "Картка ✅");
    expect(edited).not.toBe(true);
    expect(double.lastMessageTo(GROUP)?.replyMarkup).toBeUndefined();
    expect((await refusal(bot.api.setMyCommands([{ command: "Start", description: "x" }]))).description).toBe("Bad Request: BOT_COMMAND_INVALID");
    await bot.api.setMyCommands([{ command: "start", description: "Почати" }], { language_code: "uk" });
    expect(await bot.api.getMyCommands({ language_code: "uk" })).toEqual([{ command: "start", description: "Почати" }]);
    expect(double.commands({ type: "default" }, "uk")).toEqual([{ command: "start", description: "Почати" }]);
    expect(await bot.api.getChatMember(GROUP, 424242)).toMatchObject({ status: "left" });
    expect(await bot.api.getChatMember(GROUP, organiser.id)).toMatchObject({ status: "member" });
  });

  it("copies, forwards, edits captions, deletes and lists admins", async () => {
    double.addGroup(GROUP, { members: [organiser.id], admins: [7002], botIsAdmin: true });
    const photo = await double.sendPhoto(resident, { caption: "яма" });
    const copy = await bot.api.copyMessage(GROUP, resident.id, photo.message?.message_id ?? 0, { caption: "Скарга #7" });
    const copied = double.messagesTo(GROUP).find((m) => m.messageId === copy.message_id);
    expect(copied?.caption).toBe("Скарга #7");
    expect(copied?.photo?.fileId).toBe(photo.message?.photo?.at(-1)?.file_id);
    const forwarded = await bot.api.forwardMessage(GROUP, resident.id, photo.message?.message_id ?? 0);
    expect(forwarded.forward_origin).toMatchObject({ type: "user", sender_user: { id: resident.id } });
    await bot.api.editMessageCaption(GROUP, copy.message_id, { caption: "Скарга #7 ✅" });
    expect(copied?.caption).toBe("Скарга #7 ✅");
    expect(copied?.edits).toBe(1);
    await bot.api.deleteMessage(GROUP, forwarded.message_id);
    expect((await refusal(bot.api.deleteMessage(GROUP, forwarded.message_id))).description).toBe("Bad Request: message to delete not found");
    expect(double.lastMessageTo(GROUP)?.messageId).toBe(copy.message_id);
    const admins = await bot.api.getChatAdministrators(GROUP);
    expect(admins.map((a) => a.user.id).sort()).toEqual([123456, 7002]);
    await bot.api.sendLocation(resident.id, 50.45, 30.52);
    expect(double.lastMessageTo(resident.id)?.location).toEqual({ latitude: 50.45, longitude: 30.52 });
    expect((await refusal(bot.api.sendLocation(resident.id, 91, 0))).description).toBe("Bad Request: wrong latitude");
    await bot.api.sendChatAction(resident.id, "typing");
    expect((await refusal(bot.api.copyMessage(GROUP, resident.id, 999))).description).toBe("Bad Request: message to copy not found");
  });

  it("waitFor rejects with a list of what was sent", async () => {
    await double.sendText(resident, "hi");
    await bot.api.sendMessage(resident.id, "Дякуємо за звернення");
    await expect(double.waitFor((m) => m.text === "nope", { timeoutMs: 50 })).rejects.toThrow(/Дякуємо за звернення/);
  });
});
