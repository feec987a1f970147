import { describe, expect, it } from "vitest";
import { parseFormatted } from "../doubles/html.js";
import { renderForTelegram } from "../../src/transports/telegram/render.js";
import { renderForViber } from "../../src/transports/viber/render.js";
import type { OutgoingMessage } from "../../src/core/types.js";

const paragraph = "Відстоювання інтересів кожного жителя за принципом «доступні і якісні медичні послуги», збереження мережі ФАПів.";
const long = Array.from({ length: 120 }, (_, index) => `${index + 1}. ${paragraph}`).join("\n\n");
const buttons = [[{ label: "🏠 Головне меню", data: "menu" }]];

describe("rendering for Telegram", () => {
  it("splits long text at paragraph breaks, within 4096 visible characters, keyboard on the last part", () => {
    const sends = renderForTelegram({ title: "Розділ <1> & все", text: long, buttons });
    expect(sends.length).toBeGreaterThan(1);
    for (const send of sends) {
      if (send.method !== "sendMessage") throw new Error("expected text");
      const parsed = parseFormatted(send.text, "HTML");
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.text.length).toBeLessThanOrEqual(4096);
    }
    const texts = sends.map((send) => (send.method === "sendMessage" ? send.text : ""));
    expect(texts.every((text, index) => index === 0 || /^\d+\. /.test(text))).toBe(true);
    expect(sends.at(-1)?.reply_markup).toEqual({ inline_keyboard: [[{ text: "🏠 Головне меню", callback_data: "menu" }]] });
    expect(sends.slice(0, -1).every((send) => send.reply_markup === undefined)).toBe(true);
  });

  it("asks for a phone with a reply keyboard and turns the other choices into text buttons", () => {
    const [send] = renderForTelegram({
      text: "Телефон?",
      buttons: [[{ label: "🕶 Анонімно", data: "f:contact:anonymous" }]],
      request: { kind: "contact", label: "📱 Поділитися номером" },
    });
    expect(send?.reply_markup).toMatchObject({
      keyboard: [[{ text: "📱 Поділитися номером", request_contact: true }], [{ text: "🕶 Анонімно" }]],
      one_time_keyboard: true,
    });
  });

  it("refuses button data Telegram would refuse rather than sending a broken keyboard", () => {
    expect(() => renderForTelegram({ text: "x", buttons: [[{ label: "x", data: "ї".repeat(40) }]] })).toThrow(/1-64/);
  });
});

describe("rendering for Viber", () => {
  const sender = { name: "Віче" };
  const menu = [
    [
      { label: "📖 Програма", data: "cmd:programme" },
      { label: "📝 Проблема", data: "cmd:complaint" },
    ],
  ];

  it("keeps text plain and within Viber's limit, split at paragraphs, with the keyboard on the last message", () => {
    const payloads = renderForViber([{ title: "Розділ", text: long }], sender, menu);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(String(payload.text).length).toBeLessThanOrEqual(7000);
    expect(String(payloads[0]?.text)).toMatch(/^Розділ\n\n1\. /);
    expect(payloads.slice(0, -1).every((payload) => payload.keyboard === undefined)).toBe(true);
    expect(payloads.at(-1)?.keyboard).toBeDefined();
  });

  it("re-sends the main menu when a message has no buttons, since Viber drops the keyboard otherwise", () => {
    const [payload] = renderForViber([{ text: "Дякуємо!" }], sender, menu);
    const keyboard = payload?.keyboard as { Buttons: { ActionBody: string; Columns: number; Silent: boolean }[] };
    expect(keyboard.Buttons.map((button) => button.ActionBody)).toEqual(["cmd:programme", "cmd:complaint"]);
    expect(keyboard.Buttons.every((button) => button.Columns === 3 && button.Silent)).toBe(true);
  });

  it("uses share-phone and location-picker buttons with the API version they need, and at most 24 buttons", () => {
    const many: OutgoingMessage = {
      text: "Оберіть",
      buttons: Array.from({ length: 30 }, (_, index) => [{ label: `Варіант ${index}`, data: `f:x:${index}` }]),
      request: { kind: "contact", label: "📱 Поділитися номером" },
    };
    const [payload] = renderForViber([many], sender, menu);
    const keyboard = payload?.keyboard as { Buttons: { ActionType: string; Columns: number }[] };
    expect(payload?.min_api_version).toBe(3);
    expect(keyboard.Buttons[0]).toMatchObject({ ActionType: "share-phone", Columns: 6 });
    expect(keyboard.Buttons.length).toBe(24);
  });
});
