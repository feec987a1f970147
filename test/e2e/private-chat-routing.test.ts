import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident } from "../helpers/residents.js";
import { startViche, type RunningViche } from "../helpers/viche.js";
import { fileComplaint } from "./organisers-kit.js";

/**
 * Button presses and words in a private chat go straight to the resident's side (bot.ts); commands
 * in a private chat still pass the organisers' side, where /chatid and /connect work in any chat.
 */
describe("a private chat: the organisers' commands that work anywhere, and nothing else of theirs", () => {
  let telegram: TelegramDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    viche = await startViche({ telegram });
  });
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
  });

  it("answers /chatid and /connect in a private chat, and the resident's menu goes on working", async () => {
    const inna = telegramResident(telegram, 61_001, "Інна");
    await inna.start();
    expect((await inna.say("/chatid")).text).toContain("61001");
    expect((await inna.say("/connect 123456")).text).toContain("лише в групі організаторів");
    const programme = await inna.press("📖 Програма");
    expect(programme.buttons.length).toBeGreaterThan(2);
  });

  it("a status button forged in a private chat changes no report and the resident is told the button is old", async () => {
    const author = telegramResident(telegram, 61_002, "Марко");
    await author.start();
    const ref = await fileComplaint(author, { category: "🛣 Дороги", place: "Малин", text: "Яма біля зупинки на Гагаріна" });
    const group = new OrganisersGroup(telegram);
    await group.card(ref);

    const stranger = telegramResident(telegram, 61_003, "Чужий");
    await stranger.start();
    const answer = await stranger.forgeButton(`st:${ref}:resolved`);
    expect(answer.text).toContain("Ця кнопка вже не діє");
    expect((await viche.app.core.reports.get(ref))?.status).toBe("new");
    expect(author.history().some((screen) => screen.text.includes("вирішено"))).toBe(false);
  });
});
