import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/app.js";
import { loadContent } from "../../src/core/content.js";
import { Core } from "../../src/core/core.js";
import { normalisePhone } from "../../src/core/flows/inputs.js";
import { createTranslator } from "../../src/core/i18n.js";
import { Outbox } from "../../src/core/outbox/outbox.js";
import { createProgrammeSearch } from "../../src/core/programme/search.js";
import type { IncomingEvent, OutgoingMessage } from "../../src/core/types.js";
import { openStorage } from "../../src/storage/open.js";
import type { Storage } from "../../src/storage/storage.js";

const content = loadContent(join(LOCALES_DIR, "content"));
const translator = createTranslator(LOCALES_DIR);
const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });

function coreOn(storage: Storage): Core {
  return new Core({ storage, content, translator, search, outbox: new Outbox(storage), logger: pino({ level: "silent" }), defaultLocale: "uk" });
}

/** A resident talking to the core directly, with no messenger in between. */
function resident(core: Core, id = "1") {
  const ref = { channel: "telegram" as const, id };
  let last: OutgoingMessage | undefined;
  const send = async (event: IncomingEvent) => {
    const messages = await core.handle(ref, event);
    last = messages.at(-1);
    return last ?? { text: "" };
  };
  return {
    say: (text: string) => send({ kind: "text", text }),
    press: (label: string) => {
      const button = last?.buttons?.flat().find((candidate) => candidate.label === label);
      if (!button) throw new Error(`no button "${label}" in: ${JSON.stringify(last?.buttons?.flat().map((b) => b.label))}`);
      return send({ kind: "choice", data: button.data });
    },
    pressData: (data: string) => send({ kind: "choice", data }),
    event: send,
  };
}

describe("flows in the core, without a messenger", () => {
  let dir: string;
  let storage: Storage;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "viche-core-"));
    storage = await openStorage(`sqlite://${join(dir, "bot.sqlite")}`);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("says what to send instead when an answer is wrong, and stays on the step", async () => {
    const olha = resident(coreOn(storage));
    await olha.say("/complaint");
    expect((await olha.say("не знаю")).text).toContain("оберіть кнопку");
    expect((await olha.say("дороги")).text).toContain("У якому селі");
    expect((await olha.say("!!!")).text).toContain("Не розібрав назву");
    expect((await olha.event({ kind: "location", latitude: 50, longitude: 28 })).text).toContain("Напишіть назву");
    await olha.say("Коростишів");
    expect((await olha.say("яма")).text).toContain("Занадто коротко");
    expect((await olha.say("x".repeat(2500))).text).toMatch(/Скоротіть до 2\s?000/u);
    expect((await olha.event({ kind: "unsupported", what: "voice" })).text).toContain("голосові");
  });

  it("goes back step by step, and back from the first step leaves the flow", async () => {
    const ivan = resident(coreOn(storage));
    await ivan.say("/complaint");
    await ivan.press("🚌 Транспорт");
    expect((await ivan.press("⬅ Назад")).text).toContain("Про яку проблему");
    const left = await ivan.press("⬅ Назад");
    // Back out of the first step returns where the resident came from (here: the menu), not "cancelled" (issue 14).
    expect(left.text).toContain("Оберіть, що вас цікавить");
  });

  it("treats a typed button label as a press, and an old step's button as stale", async () => {
    const anna = resident(coreOn(storage));
    await anna.say("/complaint");
    const categories = await anna.say("/complaint");
    const roads = categories.buttons?.flat().find((button) => button.label === "🛣 Дороги")?.data ?? "";
    expect((await anna.say("🛣 дороги")).text).toContain("У якому селі");
    expect((await anna.pressData(roads)).text).toContain("з попереднього кроку");
  });

  it("keeps a resident's place across a restart of the core", async () => {
    const before = resident(coreOn(storage), "7");
    await before.say("/volunteer");
    await before.say("Олег Мельник");
    await storage.close();
    storage = await openStorage(`sqlite://${join(dir, "bot.sqlite")}`);
    const after = resident(coreOn(storage), "7");
    const menu = await after.say("/start");
    expect(menu.buttons?.flat()[0]?.label).toBe("▶️ Продовжити анкету волонтера");
    expect((await after.press("▶️ Продовжити анкету волонтера")).text).toContain("номер телефону");
    expect((await after.say("093 000 11 22")).text).toContain("З якого ви села");
  });

  it("drops a stored draft whose answers no longer read, with an apology and the menu instead of a crash", async () => {
    const core = coreOn(storage);
    const maria = resident(core, "9");
    await maria.say("/complaint");
    await maria.press("🚌 Транспорт");
    const attachments = await (async () => {
      await maria.say("Коростишів");
      return maria.say("Автобус не ходить уже тиждень");
    })();
    const skip = attachments.buttons?.flat().find((button) => button.data.startsWith("f:attachments:"))?.data ?? "";
    expect(skip).not.toBe("");
    const drafts = storage.collection<{ answers: Record<string, unknown> }>("flow");
    const draft = await drafts.get("telegram:9");
    expect(draft?.answers.description).toBe("Автобус не ходить уже тиждень");
    await drafts.set("telegram:9", { ...draft, answers: { ...draft?.answers, photos: "not a list of photos" } });

    const pressed = await maria.pressData(skip);
    expect(pressed.text).toBe("Ця кнопка вже не діє. Оберіть дію з меню:");
    expect(pressed.buttons?.flat().map((button) => button.data)).toContain("cmd:complaint");
    expect(await drafts.get("telegram:9")).toBeUndefined();
    const menu = await maria.say("/menu");
    expect(menu.buttons?.flat().map((button) => button.label)).not.toContain("▶️ Продовжити скаргу");
    expect((await maria.say("/complaint")).text).toContain("Про яку проблему");
  });

  it("does not take a contact someone else's phone was shared from", async () => {
    const taras = resident(coreOn(storage), "8");
    await taras.say("/volunteer");
    await taras.say("Тарас Бульба");
    expect((await taras.event({ kind: "contact", phone: "+380671234567", own: false })).text).toContain("чужий контакт");
  });
});

describe("phone numbers", () => {
  it("normalises Ukrainian numbers written in any usual way to +380…", () => {
    for (const written of ["067 123 45 67", "0671234567", "+380671234567", "380671234567", "(067) 123-45-67", "+38 067 123 45 67"]) {
      expect(normalisePhone(written), written).toBe("+380671234567");
    }
    expect(normalisePhone("+48 601 234 567")).toBe("+48601234567");
  });

  it("refuses what is not a phone number", () => {
    for (const written of ["12345", "phone", "067 123", "+380 00 000 00 00", ""]) expect(normalisePhone(written), written).toBeUndefined();
  });
});
