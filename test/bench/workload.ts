/**
 * The residents' side of the benchmark: realistic Telegram updates (same shapes as
 * test/doubles/telegram-people.ts builds) for a mix of sessions — browsing the programme, asking a
 * question, filing a complaint, signing up as a volunteer, checking one's reports — from thousands
 * of distinct residents. A session presses the buttons the bot really showed (read from the Bot API
 * double), so it follows the flow as a person would, including the "join a similar report" step
 * when it appears; against the bare echo bot it sends the same planned updates blindly.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Message, Update } from "grammy/types";
import { createTranslator, type Translator } from "../../src/core/i18n.js";
import type { SentMessage, TelegramDouble } from "../doubles/telegram-api.js";

/** The bot's user, as it appears in the messages the updates quote. */
const BOT_USER = { id: 123456, is_bot: true, first_name: "Viche", username: "viche_test_bot" };

const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));
let translator: Translator | undefined;
function t(locale: "uk" | "en", key: string): string {
  translator ??= createTranslator(LOCALES_DIR);
  return translator.t(locale, key);
}

/** Deterministic pseudo-random numbers (mulberry32), so two runs send the same updates. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

let updateId = Math.floor(Date.now() / 1000) * 1000;
let callbackId = 4_200_000_000_000;

/** A resident as the load generator plays them. Their private chat id equals their user id. */
export interface BenchResident {
  readonly id: number;
  readonly firstName: string;
  readonly languageCode: "uk" | "en";
  nextMessageId: number;
}

function user(resident: BenchResident) {
  return { id: resident.id, is_bot: false, first_name: resident.firstName, language_code: resident.languageCode };
}

function chat(resident: BenchResident) {
  return { id: resident.id, type: "private" as const, first_name: resident.firstName };
}

/** A text message from the resident (commands carry their bot_command entity, as Telegram sends them). */
export function textUpdate(resident: BenchResident, text: string): Update {
  const command = /^\/[A-Za-z0-9_]+/.exec(text);
  const message = {
    message_id: resident.nextMessageId++,
    from: user(resident),
    chat: chat(resident),
    date: Math.floor(Date.now() / 1000),
    text,
    ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
  };
  return { update_id: updateId++, message } as unknown as Update;
}

/** A button press: a callback_query quoting the bot's message that carried the button. */
export function callbackUpdate(resident: BenchResident, data: string, message?: Message): Update {
  const quoted = message ?? { message_id: 1, from: BOT_USER, chat: chat(resident), date: Math.floor(Date.now() / 1000), text: "…" };
  return {
    update_id: updateId++,
    callback_query: { id: String(callbackId++), from: user(resident), message: quoted, chat_instance: `-${resident.id}77`, data },
  };
}

/** What a resident sees last: the buttons of the bot's latest message that had a keyboard. */
export interface Screen {
  readonly message: Message;
  /** Inline buttons' callback_data. */
  readonly data: ReadonlySet<string>;
  /** Reply-keyboard button labels (pressing one sends its label as text). */
  readonly labels: ReadonlySet<string>;
}

function screenOf(sent: SentMessage): Screen {
  const markup = sent.replyMarkup ?? {};
  const data = new Set<string>();
  const labels = new Set<string>();
  const inline = markup["inline_keyboard"];
  if (Array.isArray(inline)) {
    for (const row of inline as unknown[])
      for (const button of Array.isArray(row) ? (row as { callback_data?: unknown }[]) : [])
        if (typeof button?.callback_data === "string") data.add(button.callback_data);
  }
  const keyboard = markup["keyboard"];
  if (Array.isArray(keyboard)) {
    for (const row of keyboard as unknown[])
      for (const button of Array.isArray(row) ? (row as (string | { text?: string })[]) : [])
        labels.add(typeof button === "string" ? button : String(button?.text ?? ""));
  }
  return { message: sent.message, data, labels };
}

/**
 * Follows what the bot sent to each chat, reading the double's list of sent messages
 * incrementally (each message is looked at once).
 */
export class ReplyTracker {
  private cursor = 0;
  private readonly last = new Map<number, SentMessage>();
  /** Messages seen per chat. */
  readonly counts = new Map<number, number>();

  constructor(private readonly double: TelegramDouble) {}

  private catchUp(): void {
    const sent = this.double.sentMessages;
    for (; this.cursor < sent.length; this.cursor += 1) {
      const message = sent[this.cursor];
      if (!message) continue;
      this.counts.set(message.chatId, (this.counts.get(message.chatId) ?? 0) + 1);
      if (message.replyMarkup) this.last.set(message.chatId, message);
    }
  }

  /** The resident's current screen (the bot's latest message with a keyboard). */
  screen(chatId: number): Screen | undefined {
    this.catchUp();
    const message = this.last.get(chatId);
    return message ? screenOf(message) : undefined;
  }

  /** How many messages the bot sent to this chat so far. */
  received(chatId: number): number {
    this.catchUp();
    return this.counts.get(chatId) ?? 0;
  }
}

/** One thing a resident does: write text, or press a button (one of `data`; `label` for reply keyboards). */
export type Intent = { readonly kind: "text"; readonly text: string } | { readonly kind: "press"; readonly data: readonly string[]; readonly label?: string };

/** The kinds of sessions in the mix. */
export type SessionKind = "browse" | "ask" | "complaint" | "volunteer" | "status";

/** Share of each session kind (sums to 1). */
export const DEFAULT_MIX: Readonly<Record<SessionKind, number>> = { browse: 0.3, ask: 0.3, complaint: 0.2, volunteer: 0.1, status: 0.1 };

/** Counters of how sessions went (the harness's own health: divergences should be 0). */
export interface SessionStats {
  sessions: number;
  updates: number;
  /** A press whose button was not on screen and no later step's was: the session stopped there. */
  divergences: number;
  /** Steps skipped because the bot went on differently (joining a similar report skips contact). */
  skipped: number;
  /** "Join the similar report?" answered. */
  joins: number;
  /** The first few divergences: the session, the step it wanted and what the screen offered. */
  divergenceSamples?: string[];
}

/** One resident going through one session, one update at a time. */
export class Session {
  private position = 0;
  private done = false;

  constructor(
    readonly resident: BenchResident,
    readonly kind: SessionKind,
    private readonly intents: readonly Intent[],
    private readonly rand: () => number,
    private readonly stats: SessionStats,
  ) {}

  /** Steps in the plan. */
  get planned(): number {
    return this.intents.length;
  }

  /**
   * The next update, given what the resident sees (`undefined` = act blindly, for the echo bot or
   * when the previous answer has not arrived yet); undefined when the session is over.
   */
  next(screen: Screen | undefined): Update | undefined {
    if (this.done) return undefined;
    const intent = this.intents[this.position];
    if (!intent) {
      this.done = true;
      return undefined;
    }
    if (intent.kind === "text") {
      this.position += 1;
      return this.count(textUpdate(this.resident, intent.text));
    }
    if (!screen) {
      this.position += 1;
      return this.count(callbackUpdate(this.resident, intent.data[0] ?? "menu"));
    }
    const found = this.onScreen(intent, screen);
    if (found) {
      this.position += 1;
      return this.count(found);
    }
    if (screen.data.has("f:join:new")) {
      this.stats.joins += 1;
      return this.count(callbackUpdate(this.resident, this.rand() < 0.3 ? "f:join:join" : "f:join:new", screen.message));
    }
    for (let later = this.position + 1; later < this.intents.length; later += 1) {
      const candidate = this.intents[later];
      if (candidate?.kind !== "press") continue;
      const update = this.onScreen(candidate, screen);
      if (update) {
        this.stats.skipped += later - this.position;
        this.position = later + 1;
        return this.count(update);
      }
    }
    this.stats.divergences += 1;
    const samples = (this.stats.divergenceSamples ??= []);
    if (samples.length < 5) {
      const before = this.intents[this.position - 1];
      samples.push(
        `${this.kind}: after ${before?.kind === "text" ? `"${before.text}"` : (before?.data.join("|") ?? "start")} wanted ${intent.data.join("|")}; ` +
          `screen "${(screen.message.text ?? "").slice(0, 60)}" offered ${[...screen.data, ...screen.labels].join(", ")}`,
      );
    }
    this.done = true;
    return undefined;
  }

  private onScreen(intent: Intent & { kind: "press" }, screen: Screen): Update | undefined {
    // A similar open complaint nearby: the summary offers joining it; some residents do.
    if (intent.data.includes("f:send") && screen.data.has("f:send:join") && this.rand() < 0.3) {
      this.stats.joins += 1;
      return callbackUpdate(this.resident, "f:send:join", screen.message);
    }
    const data = intent.data.find((candidate) => screen.data.has(candidate));
    if (data !== undefined) return callbackUpdate(this.resident, data, screen.message);
    if (intent.label) {
      const label = t(this.resident.languageCode, intent.label);
      if (screen.labels.has(label)) return textUpdate(this.resident, label);
    }
    return undefined;
  }

  private count(update: Update): Update {
    this.stats.updates += 1;
    return update;
  }
}

/** Place names residents type; each is the exact name of one listed place, so the settlement step takes it at once. */
const SETTLEMENTS = [
  "Коростишів",
  "Бердичів",
  "Звягель",
  "Малин",
  "Овруч",
  "Радомишль",
  "м. Баранівка",
  "Черняхів",
  "Коростень",
  "Андрушівка",
  "Чуднів",
  "Ємільчине",
  "Олевськ",
  "Лугини",
  "Народичі",
  "смт Попільня",
  "Брусилів",
  "Хорошів",
  "Пулини",
  "Ружин",
  "Любар",
  "Романів",
  "Житомир",
  "Оліївка",
  "Станишівка",
  "Тетерівка",
  "Глибочиця",
  "Вільськ",
  "Іршанськ",
  "Левків",
  "Вишевичі",
  "Довбиш",
];
const COMPLAINTS: Record<string, readonly string[]> = {
  roads: [
    "Яма на дорозі біля школи, вже двічі пробивали колесо",
    "Розбита дорога від траси до центру села, після дощу не проїхати",
    "Міст через річку аварійний, перила зламані",
  ],
  lighting: ["Не світять ліхтарі на центральній вулиці вже місяць", "Темно біля зупинки, ліхтар розбитий", "Вуличне освітлення вимикають о дев'ятій вечора"],
  water: ["Вода з крана іде коричнева третій день", "Немає води в будинку з понеділка", "Колодязь біля клубу забруднений"],
  transport: ["Автобус до райцентру не ходить по неділях", "Маршрутка приходить переповнена, люди не вміщаються", "Скасували ранковий рейс до міста"],
  utilities: [
    "Сміття не вивозять два тижні, контейнери переповнені",
    "Тариф на опалення виріс удвічі без пояснень",
    "Протікає дах у під'їзді, ніхто не ремонтує",
  ],
  medicine: ["В амбулаторії немає лікаря вже пів року", "Закрили ФАП, до лікарні сорок кілометрів", "Швидка їхала дві години"],
  schools: ["У школі не працює опалення в класах", "Шкільний автобус зламався, діти ходять пішки", "У садочку протікає дах"],
};
const DETAILS = [
  "",
  " Просимо терміново втрутитися.",
  " Звертались до громади, відповіді немає.",
  " Фото можу надіслати.",
  " Люди обурені.",
  " Це триває з осені.",
];
const NAMES = ["Оксана Петренко", "Іван Коваль", "Марія Шевчук", "Petro Bondar", "Олена Ткачук", "Андрій Мельник", "Наталія Кравець", "Сергій Бойко"];
const MOBILE = ["050", "063", "066", "067", "068", "073", "093", "095", "096", "097", "098", "099"];

/** Programme sections and items browsed (ids from locales/content). */
const BROWSE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["economy", ["economy.roads", "economy.agriculture", "economy.small-business", "economy.tourism"]],
  ["humanitarian", ["humanitarian.medicine", "humanitarian.tariffs", "humanitarian.youth-education", "humanitarian.housing"]],
  ["goals", ["goals.transparency", "goals.development"]],
  ["principles", ["principles.justice", "principles.dialogue"]],
];

let questions: string[] | undefined;
/** Residents' questions: the evaluation set's (test/eval), in Ukrainian, Russian, surzhyk and English. */
export function residentQuestions(): string[] {
  questions ??= ["tune", "holdout"].flatMap((split) =>
    (JSON.parse(readFileSync(new URL(`../eval/${split}.json`, import.meta.url), "utf8")) as Array<{ q: string }>).map((entry) => entry.q),
  );
  return questions;
}

const press = (data: string | readonly string[], label?: string): Intent => ({
  kind: "press",
  data: typeof data === "string" ? [data] : data,
  ...(label ? { label } : {}),
});
const say = (text: string): Intent => ({ kind: "text", text });

/** The plan of one session of `kind`. */
export function planSession(kind: SessionKind, rand: () => number): Intent[] {
  switch (kind) {
    case "browse": {
      const [section, items] = pick(rand, BROWSE);
      return [say("/start"), press("cmd:programme"), press(`prog:s:${section}`), press(`prog:i:${pick(rand, items)}`), press("menu")];
    }
    case "ask":
      // Back to the menu; a greeting or small talk is answered with the menu's own actions instead.
      return [say("/start"), say(pick(rand, residentQuestions())), press(["menu", "cmd:programme"])];
    case "complaint": {
      const category = pick(rand, Object.keys(COMPLAINTS));
      const description = `${pick(rand, COMPLAINTS[category] ?? ["Проблема"])}.${pick(rand, DETAILS)}`;
      return [
        say("/start"),
        press("cmd:complaint"),
        press(`f:category:${category}`),
        say(pick(rand, SETTLEMENTS)),
        say(description),
        press("f:attachments:done", "button-skip"),
        press("f:contact:anonymous", "button-anonymous"),
        press("f:send"),
      ];
    }
    case "volunteer": {
      const phone = `${pick(rand, MOBILE)} ${String(Math.floor(rand() * 900) + 100)} ${String(Math.floor(rand() * 90) + 10)} ${String(Math.floor(rand() * 90) + 10)}`;
      return [
        say("/start"),
        press("cmd:volunteer"),
        say(pick(rand, NAMES)),
        say(phone),
        say(pick(rand, SETTLEMENTS)),
        press(`f:ways:${pick(rand, ["door", "observer", "social", "driving", "events"])}`),
        press("f:ways:done"),
        press(`f:availability:${pick(rand, ["weekdays", "evenings", "weekends", "anytime"])}`),
        press("f:consent:yes"),
        press("f:send"),
      ];
    }
    case "status":
      return [say("/start"), press("cmd:reports"), press(["menu", "cmd:programme"])];
  }
}

/** The flow whose steps the growth scenario measures one by one. */
export const COMPLAINT_STEPS = ["start", "menu: complaint", "category", "settlement", "keep place", "description", "attachments", "contact", "send"] as const;

/** Options of {@link Workload}. */
export interface WorkloadOptions {
  readonly seed: number;
  /** Residents' ids are base, base+1, ... base+count-1 (wrapping around: residents come back). */
  readonly residentBase: number;
  readonly residentCount: number;
  readonly mix?: Readonly<Record<SessionKind, number>>;
  /** Share of residents whose Telegram is in English. */
  readonly englishShare?: number;
}

/** An endless, deterministic stream of sessions from a fixed population of residents. */
export class Workload {
  readonly stats: SessionStats = { sessions: 0, updates: 0, divergences: 0, skipped: 0, joins: 0 };
  private readonly rand: () => number;
  private readonly residents = new Map<number, BenchResident>();
  private next = 0;

  constructor(private readonly options: WorkloadOptions) {
    this.rand = random(options.seed);
  }

  /** Every resident id this workload can use (to register their chats with the double). */
  residentIds(): number[] {
    return Array.from({ length: this.options.residentCount }, (_, i) => this.options.residentBase + i);
  }

  resident(id: number): BenchResident {
    let resident = this.residents.get(id);
    if (!resident) {
      resident = { id, firstName: `Мешканець ${id}`, languageCode: this.rand() < (this.options.englishShare ?? 0.1) ? "en" : "uk", nextMessageId: 1 };
      this.residents.set(id, resident);
    }
    return resident;
  }

  /** The next resident's next session. */
  nextSession(kind?: SessionKind): Session {
    const id = this.options.residentBase + (this.next++ % this.options.residentCount);
    const chosen = kind ?? this.chooseKind();
    this.stats.sessions += 1;
    return new Session(this.resident(id), chosen, planSession(chosen, this.rand), this.rand, this.stats);
  }

  private chooseKind(): SessionKind {
    const mix = this.options.mix ?? DEFAULT_MIX;
    let roll = this.rand();
    for (const [kind, share] of Object.entries(mix) as Array<[SessionKind, number]>) {
      roll -= share;
      if (roll < 0) return kind;
    }
    return "browse";
  }
}

/** Registers the residents' private chats with the double (as if each had started the bot before). */
export function registerResidents(double: TelegramDouble, workload: Workload): void {
  for (const id of workload.residentIds()) {
    const resident = workload.resident(id);
    double.addPrivateChat({ id, first_name: resident.firstName, language_code: resident.languageCode });
  }
}
