/**
 * Shared steps for the organisers' end-to-end tests (organisers-*.test.ts): residents filing
 * reports through the real flows, organisers pressing buttons on any message in the group, and
 * wall-clock times in the organisation's time zone for the scheduler.
 */
import { buttonsOf, visibleText, type SentMessage, type TelegramDouble } from "../doubles/telegram-api.js";
import type { ResidentDriver } from "../helpers/residents.js";
import { ORGANISER, ORGANISERS_CHAT_ID } from "../helpers/viche.js";

/** A complaint as a resident files it, anonymously, without photos. */
export interface ComplaintSteps {
  readonly category: string;
  readonly place: string;
  readonly text: string;
  /** What to press if the summary offers joining a similar report: join it, or send a separate one (default). */
  readonly ifSimilar?: "join" | "new";
}

/** Files a complaint through the real flow and returns its reference (C-…). */
export async function fileComplaint(resident: ResidentDriver, steps: ComplaintSteps): Promise<string> {
  await resident.press("📝 Проблема");
  await resident.press(steps.category);
  await resident.say(steps.place);
  await resident.say(steps.text);
  await resident.press("➡ Пропустити");
  const summary = await resident.press("🕶 Анонімно");
  const join = summary.buttons.find((label) => label.startsWith("🤝 Приєднатися"));
  const sent = await resident.press(join && steps.ifSimilar === "join" ? join : "✅ Надіслати");
  return /C-\d+/.exec(sent.text)?.[0] ?? "";
}

/** An organiser presses a button on any bot message in the group (stats periods, dialog buttons). */
export async function pressInGroup(telegram: TelegramDouble, message: SentMessage, label: string): Promise<void> {
  await telegram.pressButton(ORGANISER, { label, chatId: ORGANISERS_CHAT_ID, messageId: message.messageId });
}

/** Waits for a bot message in the group, newer than `after`, whose visible text contains `text`. */
export function groupMessage(telegram: TelegramDouble, text: string, after = 0): Promise<SentMessage> {
  return telegram.waitFor((message) => message.messageId > after && visibleText(message).includes(text), { chatId: ORGANISERS_CHAT_ID, timeoutMs: 10_000 });
}

/** The id of the newest bot message in the group (to wait for what comes after it). */
export function lastGroupMessageId(telegram: TelegramDouble): number {
  return telegram.messagesTo(ORGANISERS_CHAT_ID).at(-1)?.messageId ?? 0;
}

/** `days` from now at `hour`:00 in Kyiv (the organisation's time zone), for the scheduler's clock. */
export function kyivTime(days: number, hour: number): number {
  const target = Date.now() + days * 24 * 3600 * 1000;
  const local = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Kyiv", hour: "2-digit", hourCycle: "h23" }).format(new Date(target)));
  const minutes = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Kyiv", minute: "2-digit" }).format(new Date(target)));
  return target + (hour - local) * 3600 * 1000 - minutes * 60 * 1000;
}

export { buttonsOf, visibleText };
