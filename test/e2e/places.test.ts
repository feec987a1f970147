import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSENGERS, TELEGRAM, type Stage } from "../helpers/messengers.js";
import { visibleText } from "../helpers/organisers.js";
import type { ResidentDriver } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID } from "../helpers/viche.js";

const ZVIAHEL_RAION = "UA18080000000016657";
const ZVIAHEL_GROUP = -1005550000009;

/** Starts a complaint and types the place; returns the bot's answer to the place. */
async function complaintAt(resident: ResidentDriver, place: string) {
  await resident.start();
  await resident.press("📝 Проблема");
  await resident.press("🛣 Дороги");
  return resident.say(place);
}

/** From the description step on: describes, skips photos, stays anonymous and sends; returns the reference. */
async function finish(resident: ResidentDriver, text: string): Promise<{ ref: string; summary: string }> {
  await resident.say(text);
  await resident.press("➡ Пропустити");
  const summary = await resident.press("🕶 Анонімно");
  const sent = await resident.press("✅ Надіслати");
  return { ref: /C-\d+/.exec(sent.text)?.[0] ?? "", summary: summary.text };
}

describe.each(MESSENGERS)("a resident on $name names their place as they write it", (messenger) => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await messenger.stage();
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("confirms a Russian spelling with a button, and the card names the hromada and raion", async () => {
    const olha = stage.resident(1, "Ольга");
    const confirm = await complaintAt(olha, "Бердичев");
    expect(confirm.text).toContain("Це Бердичів (Бердичівська громада, Бердичівський район)?");
    expect(confirm.buttons).toEqual(expect.arrayContaining(["✅ Так, це воно", "✍️ Залишити «Бердичев»", "⬅ Назад"]));
    const description = await olha.press("✅ Так, це воно");
    expect(description.text).toContain("Опишіть проблему");
    const { ref, summary } = await finish(olha, "Яма на дорозі біля вокзалу");
    expect(summary).toContain("Населений пункт: Бердичів (Бердичівська громада, Бердичівський район)");
    const card = await stage.group.card(ref);
    expect(visibleText(card)).toContain("Бердичів (Бердичівська громада, Бердичівський район)");
  });

  it("offers the eight villages called Рудня by hromada, and takes an exact name at once", async () => {
    const ivan = stage.resident(2, "Іван");
    const several = await complaintAt(ivan, "с. Рудня");
    expect(several.text).toContain("Є кілька населених пунктів «с. Рудня»");
    expect(several.buttons.filter((label) => label.startsWith("Рудня — "))).toHaveLength(8);
    expect(several.buttons).toContain("✍️ Залишити «с. Рудня»");
    const description = await ivan.press("Рудня — Баранівська громада");
    expect(description.text).toContain("Опишіть проблему");
    const { ref } = await finish(ivan, "Не ходить автобус до райцентру");
    expect(visibleText(await stage.group.card(ref))).toContain("Рудня (Баранівська громада, Звягельський район)");

    const exact = await complaintAt(stage.resident(3, "Петро"), "м. Коростишів");
    expect(exact.text).toContain("Опишіть проблему");
  });

  it("refuses punctuation, and keeps a place that is not in the list as written when asked", async () => {
    const anna = stage.resident(4, "Анна");
    const refused = await complaintAt(anna, "!!!!!!!!");
    expect(refused.text).toContain("Не розібрав назву");
    const unknown = await anna.say("Хутір Вербовий");
    expect(unknown.text).toContain("Не знайшли «Хутір Вербовий»");
    const description = await anna.press("✍️ Залишити «Хутір Вербовий»");
    expect(description.text).toContain("Опишіть проблему");
    const { ref, summary } = await finish(anna, "Немає світла на вулиці");
    expect(summary).toContain("Населений пункт: Хутір Вербовий");
    expect(visibleText(await stage.group.card(ref))).toContain("Хутір Вербовий");
    expect(stage.errors()).toEqual([]);
  });

  it("knows the old name of Звягель in a volunteer's sign-up", async () => {
    const taras = stage.resident(5, "Тарас");
    await taras.start();
    await taras.press("🙋 Волонтерство");
    await taras.say("Тарас Шевчук");
    const place = await taras.say("067 123 45 69");
    expect(place.text).toContain("З якого");
    const confirm = await taras.say("Новоград-Волинський");
    expect(confirm.text).toContain("Це Звягель (Новоград-Волинська громада, Звягельський район)?");
    const ways = await taras.press("✅ Так, це воно");
    expect(ways.buttons.some((label) => label.includes("Можу возити"))).toBe(true);
  });
});

describe("routing by raion: cards from a raion go to its own group", () => {
  let stage: Stage;
  let contentDir: string;

  beforeAll(async () => {
    contentDir = mkdtempSync(join(tmpdir(), "viche-content-"));
    cpSync(join(process.cwd(), "locales", "content"), contentDir, { recursive: true });
    const file = join(contentDir, "organisation.json");
    const organisation = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...organisation, routing: { [ZVIAHEL_RAION]: { chatId: ZVIAHEL_GROUP } } }));
    stage = await TELEGRAM.stage({ env: { CONTENT_DIR: contentDir } });
    stage.telegram.addGroup(ZVIAHEL_GROUP, { members: [ORGANISER.id], title: "Звягельський район" });
  });
  afterAll(async () => {
    await stage?.stop();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it("posts a complaint from Рудня of Баранівська громада in the Звягельський raion's group, one from Житомир in the organisers' group", async () => {
    const olha = stage.resident(11, "Ольга");
    await complaintAt(olha, "Рудня");
    await olha.press("Рудня — Баранівська громада");
    const { ref } = await finish(olha, "Яма на дорозі біля клубу");
    const card = await stage.telegram.waitFor((message) => visibleText(message).includes(`${ref} · `), { chatId: ZVIAHEL_GROUP, timeoutMs: 10_000 });
    expect(visibleText(card)).toContain("Звягельський район");

    const ivan = stage.resident(12, "Іван");
    await complaintAt(ivan, "Житомир");
    const other = await finish(ivan, "Яма на дорозі біля ринку");
    expect((await stage.group.card(other.ref)).chatId).toBe(ORGANISERS_CHAT_ID);
  });
});
