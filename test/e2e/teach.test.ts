import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { telegramResident } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";

describe("organisers teach the bot from the questions that reach them", () => {
  let double: TelegramDouble;
  let viche: RunningViche;
  let group: OrganisersGroup;

  beforeAll(async () => {
    double = await startTelegramDouble();
    viche = await startViche({ telegram: double });
    group = new OrganisersGroup(double);
  });
  afterAll(async () => {
    await viche?.stop();
    await double?.close();
  });

  async function askOrganisers(n: number, question: string): Promise<string> {
    const resident = telegramResident(double, 90_000 + n, `Житель ${n}`);
    await resident.start();
    const none = await resident.say(question);
    expect(none.text).toContain("У програмі немає відповіді");
    await resident.press("📨 Так, передати організаторам");
    return /Q-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
  }

  const press = async (label: string, containing: string) => {
    const message = await group.note(containing);
    await double.pressButton(ORGANISER, { label, chatId: ORGANISERS_CHAT_ID, messageId: message.messageId });
    return message;
  };

  it("remembers an organiser's answer with one press; later residents asking the same get it, also after a restart", async () => {
    const ref = await askOrganisers(1, "Де можна подивитися список кандидатів?");
    await group.reply(ref, "Список кандидатів є на сайті ЦВК і в нашій приймальні на Михайлівській, 5.");
    const sent = await press("📚 Запам'ятати цю відповідь", `Надіслано мешканцю (${ref})`);
    await double.waitFor((message) => message.messageId === sent.messageId && visibleText(message).includes("бот відповідатиме"), {
      chatId: ORGANISERS_CHAT_ID,
    });

    const later = telegramResident(double, 90_101, "Пізніше");
    await later.start();
    const answer = await later.say("де подивитися список кандидатів");
    expect(answer.text).toContain("Відповідь організаторів");
    expect(answer.text).toContain("Михайлівській, 5");

    await viche.app.stop(2000);
    viche = await startViche({ telegram: double, dataDir: viche.dataDir });
    const afterRestart = telegramResident(double, 90_102, "Після");
    await afterRestart.start();
    expect((await afterRestart.say("Де список кандидатів подивитися?")).text).toContain("Михайлівській, 5");
  });

  it("attaches a question's words to a programme point chosen with buttons", async () => {
    const ref = await askOrganisers(2, "Чи приїде депутат на свято нашого села?");
    await group.reply(ref, "Щовівторка, з 10 до 13.");
    await press("📖 Це про пункт програми…", `Надіслано мешканцю (${ref})`);
    await press("Наші принципи", "до якого розділу");
    await press("Відкритий діалог", "до якого пункту");
    await group.note("бот відповідатиме");

    const later = telegramResident(double, 90_103, "Інший");
    await later.start();
    const answer = await later.say("чи приїде депутат на свято села");
    expect(answer.text).toContain("«відкритого публічного діалогу»");
  });

  it("says what to do when there is nothing to teach yet", async () => {
    const ref = await askOrganisers(3, "Хто наш кандидат по округу?");
    await group.command(`/status ${ref} in_progress`);
    expect(await viche.app.core.teach(ref)).toBe("no-reply");
    expect(double.errors).toEqual([]);
  });
});
