import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";
import { fileComplaint, visibleText } from "./organisers-kit.js";

const ROADS_GROUP = -1005550000011;
/** A roads contractor's employee: a member of the roads group only. */
const CONTRACTOR = { id: 7101, first_name: "Підрядник", language_code: "uk" };
/** A volunteer coordinator: a member of the organisers' group, not one of its administrators. */
const MEMBER = { id: 7102, first_name: "Учасниця", language_code: "uk" };

/** A copy of the bundled content with road complaints routed to the contractor's group. */
function contentWithRoadsRouted(): string {
  const dir = mkdtempSync(join(tmpdir(), "viche-content-"));
  cpSync(join(process.cwd(), "locales", "content"), dir, { recursive: true });
  const file = join(dir, "organisation.json");
  const organisation = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...organisation, routing: { roads: { chatId: ROADS_GROUP } } }, null, 2));
  return dir;
}

/** Waits for the bot's message in `chatId` newer than `after` containing `text`. */
function answerIn(telegram: TelegramDouble, chatId: number, text: string, after: number) {
  return telegram.waitFor((message) => message.messageId > after && visibleText(message).includes(text), { chatId, timeoutMs: 10_000 });
}

function lastId(telegram: TelegramDouble, chatId: number): number {
  return telegram.messagesTo(chatId).at(-1)?.messageId ?? 0;
}

describe("organisers' authority by place and role", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche;
  let contentDir: string;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    telegram.addGroup(ROADS_GROUP, { members: [CONTRACTOR.id], title: "Дороги (підрядник)" });
    telegram.addGroup(ORGANISERS_CHAT_ID, { members: [ORGANISER.id, MEMBER.id], admins: [ORGANISER.id], title: "Організатори" });
    contentDir = contentWithRoadsRouted();
    viche = await startViche({ telegram, env: { CONTENT_DIR: contentDir } });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it("lets a routed group act on its own reports only, and refuses the main group's commands there, saying why", async () => {
    const olha = telegramResident(telegram, 41_001, "Ольга");
    await olha.start();
    const school = await fileComplaint(olha, { category: "🏫 Школи і садочки", place: "Коростишів", text: "У школі протікає дах" });
    await new OrganisersGroup(telegram).card(school);

    let after = lastId(telegram, ROADS_GROUP);
    await telegram.groupCommand(ROADS_GROUP, CONTRACTOR, `/status ${school} resolved`);
    await answerIn(telegram, ROADS_GROUP, `${school} не спрямовано в цю групу`, after);
    expect((await viche.app.core.reports.get(school))?.status).toBe("new");

    for (const command of [`/ban ${school}`, "/export", "/summary", "/broadcast", "/link flyer"]) {
      after = lastId(telegram, ROADS_GROUP);
      await telegram.groupCommand(ROADS_GROUP, CONTRACTOR, command);
      await answerIn(telegram, ROADS_GROUP, "лише в головній групі організаторів", after);
    }
    expect(telegram.messagesTo(ROADS_GROUP).some((message) => message.document !== undefined)).toBe(false);
    // Not banned: Ольга can still file.
    const road = await fileComplaint(olha, { category: "🛣 Дороги", place: "Коростишів", text: "Яма на дорозі біля школи" });
    expect(road).toMatch(/^C-\d+$/);

    // Its own report: the contractor may change its status.
    await telegram.waitFor((message) => visibleText(message).startsWith(`🆕 ${road} · `), { chatId: ROADS_GROUP, timeoutMs: 10_000 });
    await telegram.groupCommand(ROADS_GROUP, CONTRACTOR, `/status ${road} in_progress`);
    expect((await olha.receive("взялися")).text).toContain(road);
  });

  it("keeps /export, /ban and the other main-group commands to the group's administrators, saying why", async () => {
    const ivan = telegramResident(telegram, 41_002, "Іван");
    await ivan.start();
    const ref = await fileComplaint(ivan, { category: "🏫 Школи і садочки", place: "Черняхів", text: "Немає опалення в садочку" });
    await new OrganisersGroup(telegram).card(ref);

    for (const command of ["/export", `/ban ${ref}`, "/summary", "/broadcast", "/link flyer"]) {
      const after = lastId(telegram, ORGANISERS_CHAT_ID);
      await telegram.groupCommand(ORGANISERS_CHAT_ID, MEMBER, command);
      await answerIn(telegram, ORGANISERS_CHAT_ID, "лише адміністратори групи", after);
    }
    expect(telegram.messagesTo(ORGANISERS_CHAT_ID).some((message) => message.document !== undefined)).toBe(false);
    expect((await viche.app.core.residents.get({ channel: "telegram", id: "41002" }))?.banned ?? false).toBe(false);

    // A member still works the cards: status changes are everyone's job.
    await telegram.groupCommand(ORGANISERS_CHAT_ID, MEMBER, `/status ${ref} in_progress`);
    expect((await ivan.receive("взялися")).text).toContain(ref);

    // The administrator may export.
    const after = lastId(telegram, ORGANISERS_CHAT_ID);
    await telegram.groupCommand(ORGANISERS_CHAT_ID, ORGANISER, "/export");
    const file = await telegram.waitFor((message) => message.messageId > after && message.document !== undefined, {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(file.document?.fileName).toMatch(/\.csv$/);
  });
});

describe("ORGANISER_TOOLS_FOR=members", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    telegram.addGroup(ORGANISERS_CHAT_ID, { members: [ORGANISER.id, MEMBER.id], admins: [ORGANISER.id], title: "Організатори" });
    viche = await startViche({ telegram, env: { ORGANISER_TOOLS_FOR: "members" } });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
  });

  it("lets every member of the organisers' group export", async () => {
    await telegram.groupCommand(ORGANISERS_CHAT_ID, MEMBER, "/export");
    const file = await telegram.waitFor((message) => message.document !== undefined, { chatId: ORGANISERS_CHAT_ID, timeoutMs: 10_000 });
    expect(file.document?.fileName).toMatch(/\.csv$/);
  });
});
