import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { vicheProcess, type VicheProcess } from "../helpers/process.js";
import { telegramResident, type ResidentDriver } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID, startViche } from "../helpers/viche.js";

/** The group the operator connects; ORGANISER is a plain member there, ADMIN its administrator. */
const GROUP = -1009876543210;
const OTHER_GROUP = -1005555555555;
const ADMIN = { id: 7100, first_name: "Ірина", language_code: "uk" };

async function fileComplaint(resident: ResidentDriver, place: string): Promise<string> {
  await resident.start();
  await resident.press("📝 Проблема");
  await resident.press("🛣 Дороги");
  await resident.say(place);
  await resident.say("Яма на дорозі біля школи");
  await resident.press("➡ Пропустити");
  await resident.press("🕶 Анонімно");
  const sent = await resident.press("✅ Надіслати");
  const ref = /C-\d+/.exec(sent.text)?.[0];
  if (!ref) throw new Error(`no reference in: ${sent.text}`);
  return ref;
}

function codeIn(output: string[]): string[] {
  return [...output.join("").matchAll(/sends \/connect ([A-Z0-9]{8}) there/g)].map((match) => match[1] ?? "");
}

/** The process prints its code just after it is ready for updates: wait for the `count`-th line. */
async function codes(viche: VicheProcess, count: number): Promise<string[]> {
  for (let waited = 0; codeIn(viche.output).length < count; waited += 50) {
    if (waited > 10_000) throw new Error(`no connect code printed:\n${viche.output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return codeIn(viche.output);
}

describe("going live in production without ORGANISERS_CHAT_ID or TELEGRAM_WEBHOOK_SECRET", () => {
  let telegram: TelegramDouble;
  let viche: VicheProcess;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "viche-connect-"));
    telegram = await startTelegramDouble();
    telegram.addGroup(GROUP, { admins: [ADMIN.id], members: [ORGANISER.id], title: "Штаб" });
    telegram.addGroup(OTHER_GROUP, { admins: [ADMIN.id], title: "Інша група" });
    viche = await vicheProcess({
      telegram,
      storageUrl: `sqlite://${join(dir, "bot.sqlite")}`,
      env: { NODE_ENV: "production", ORGANISERS_CHAT_ID: "", TELEGRAM_WEBHOOK_SECRET: "" },
    });
  });
  afterAll(async () => {
    await viche?.terminate();
    await telegram?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const groupAnswer = (chatId: number, text: string) => telegram.waitFor((message) => visibleText(message).includes(text), { chatId, timeoutMs: 10_000 });

  it("starts, serves residents, keeps the card until an administrator connects the group with the printed code", async () => {
    await viche.start();
    const [code = ""] = await codes(viche, 1);
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    // The webhook was registered with a generated secret, and updates carrying it are accepted.
    const webhook = telegram.calls.filter((call) => call.method === "setWebhook" && call.ok).at(-1);
    const secret = String(webhook?.params["secret_token"] ?? "");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);

    const ref = await fileComplaint(telegramResident(telegram, 31_001, "Марія"), "Коростишів");
    expect(telegram.messagesTo(GROUP)).toHaveLength(0);

    await telegram.groupCommand(GROUP, ORGANISER, `/connect ${code}`);
    await groupAnswer(GROUP, "лише її адміністратор");
    await telegram.groupCommand(GROUP, ADMIN, "/connect WRONG234");
    await groupAnswer(GROUP, "Код не підходить");
    expect(telegram.messagesTo(GROUP).some((message) => visibleText(message).includes(ref))).toBe(false);

    await telegram.groupCommand(GROUP, ADMIN, `/connect ${code.toLowerCase()}`);
    await groupAnswer(GROUP, "Ця група тепер група організаторів");
    const card = await groupAnswer(GROUP, ` ${ref} · `);
    expect(visibleText(card)).toContain("Коростишів");
    // The organisers' commands now answer there.
    expect(telegram.commands({ type: "chat", chat_id: GROUP }).map((command) => command.command)).toContain("stats");

    // The connected group is the main group for the organisers' authority too: a member who is not
    // an administrator may not export personal data there.
    await telegram.groupCommand(GROUP, ORGANISER, "/export");
    await groupAnswer(GROUP, "лише адміністратори групи");

    // The used code cannot move the group elsewhere.
    await telegram.groupCommand(OTHER_GROUP, ADMIN, `/connect ${code}`);
    await groupAnswer(OTHER_GROUP, "Код не підходить");

    const logs = viche.output.join("");
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(telegram.token);
  }, 90_000);

  it("keeps the group and the webhook secret across a restart, and prints a new code for moving", async () => {
    const secretBefore = telegram.calls.filter((call) => call.method === "setWebhook" && call.ok).at(-1)?.params["secret_token"];
    const codesBefore = codeIn(viche.output);
    expect(await viche.terminate()).toBe(0);
    await viche.start();
    const setWebhooks = telegram.calls.filter((call) => call.method === "setWebhook" && call.ok);
    expect(setWebhooks.at(-1)?.params["secret_token"]).toBe(secretBefore);
    const after = await codes(viche, codesBefore.length + 1);
    expect(after.at(-1)).not.toBe(codesBefore.at(-1));
    expect(viche.output.join("")).toContain("To move the organisers' group");

    const ref = await fileComplaint(telegramResident(telegram, 31_002, "Олег"), "Черняхів");
    await groupAnswer(GROUP, ` ${ref} · `);
    expect(telegram.messagesTo(OTHER_GROUP).some((message) => visibleText(message).includes(ref))).toBe(false);
    expect(telegram.errors).toEqual([]);
  }, 90_000);
});

describe("with ORGANISERS_CHAT_ID set", () => {
  it("keeps that group: /connect changes nothing and no code is offered", async () => {
    const telegram = await startTelegramDouble();
    const viche = await startViche({ telegram });
    try {
      telegram.addGroup(OTHER_GROUP, { admins: [ADMIN.id], title: "Інша група" });
      await telegram.groupCommand(OTHER_GROUP, ADMIN, "/connect ABCDEFGH");
      await telegram.waitFor((message) => visibleText(message).includes("задано в ORGANISERS_CHAT_ID"), { chatId: OTHER_GROUP, timeoutMs: 10_000 });
      expect(viche.app.organisersChat?.id).toBe(ORGANISERS_CHAT_ID);
      expect(viche.logs.lines.join("\n")).not.toContain("/connect");
    } finally {
      await viche.stop();
      await telegram.close();
    }
  });
});
