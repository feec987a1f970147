import type { Logger } from "pino";
import type { Collection, Storage } from "../storage/storage.js";
import type { Content } from "./content.js";
import type { FlowServices, FlowState, StepContext } from "./flows/flow.js";
import { FLOWS } from "./flows/index.js";
import { advanceFlow, isFlowData, promptFor, startFlow } from "./flows/runner.js";
import type { MessageArgs, Translator } from "./i18n.js";
import { MENU_DATA, mainMenuButtons, menuRow } from "./menu.js";
import { laneOf, type Outbox } from "./outbox/outbox.js";
import { browse, isProgrammeData, sectionsMessage } from "./programme/browse.js";
import { findItem } from "./programme/programme.js";
import { LearnedAnswers } from "./programme/learned.js";
import type { ProgrammeSearch } from "./programme/search.js";
import { ReportActions } from "./reports/actions.js";
import { isParty, parseRef, type NewReport, type Report, ReportRepository } from "./reports/reports.js";
import { Broadcasts } from "./organisers/broadcasts.js";
import { FollowUps, isFollowUpData } from "./organisers/followups.js";
import { findSimilarComplaint, indexComplaint } from "./organisers/similar.js";
import { optInMessages, optOutMessages, OPT_IN_DATA, OPT_OUT_DATA } from "./organisers/opt-out.js";
import { ResidentRepository, type Resident } from "./residents.js";
import { isLocale, parseResidentKey, residentKey, type IncomingEvent, type Locale, type OutgoingMessage, type ResidentRef } from "./types.js";

/** What the core needs. Built once in `main`, shared by every transport. */
export interface CoreOptions {
  readonly storage: Storage;
  readonly content: Content;
  readonly translator: Translator;
  readonly search: ProgrammeSearch;
  readonly outbox: Outbox;
  readonly logger: Logger;
  readonly defaultLocale: Locale;
  /** Called after something was queued in the outbox, so the worker delivers it at once. */
  readonly wake?: () => void;
  readonly now?: () => number;
  /** Events one resident may send per window before being asked to slow down (default 90 per 30 s: no person taps that fast). */
  readonly flood?: { readonly limit: number; readonly windowMs: number };
}

/** Hints a transport can give about the sender (their messenger's language). */
export interface EventHints {
  readonly languageCode?: string;
}

/** Half-finished drafts are dropped after this long without activity. */
const DRAFT_TTL_MS = 14 * 24 * 3600 * 1000;

/** Organisers' commands: they work only in the organisers' Telegram group, never in a resident's chat. */
const ORGANISER_COMMANDS = new Set(["ban", "unban", "stats", "export", "broadcast", "link", "summary"]);

/** Commands a resident can type (or press as a button); Viber has no menu, so all are typed too. */
const COMMANDS = new Set([
  "start",
  "help",
  "menu",
  "programme",
  "program",
  "language",
  "cancel",
  "complaint",
  "volunteer",
  "question",
  "status",
  "reports",
  "mydata",
  "forget",
  "stop",
]);

/**
 * Viche's messenger-neutral core: takes one resident's event and returns what they see. Flows,
 * programme browsing and answers, reports and personal-data commands all live behind
 * {@link handle}. Transports call it once per incoming event, one event per resident at a time.
 */
export class Core {
  readonly residents: ResidentRepository;
  readonly reports: ReportRepository;
  readonly actions: ReportActions;
  /** "Is it really solved?" questions and flags for idle reports (run by the organisers' scheduler). */
  readonly followUps: FollowUps;
  /** Organisers' broadcasts to residents, paced through the outbox. */
  readonly broadcasts: Broadcasts;
  /** Answers and phrases organisers taught the bot; call `load()` once at start. */
  readonly learned: LearnedAnswers;
  private readonly flows: Collection<FlowState>;
  private readonly pendingQuestions: Collection<string>;
  private readonly now: () => number;
  private readonly wake: () => void;
  private readonly flood: FloodGuard;

  constructor(private readonly options: CoreOptions) {
    this.now = options.now ?? Date.now;
    this.wake = options.wake ?? (() => undefined);
    this.flood = new FloodGuard(options.flood ?? { limit: 90, windowMs: 30_000 });
    this.residents = new ResidentRepository(options.storage);
    this.reports = new ReportRepository(options.storage);
    this.flows = options.storage.collection<FlowState>("flow");
    this.pendingQuestions = options.storage.collection<string>("pending-question");
    this.actions = new ReportActions({
      reports: this.reports,
      residents: this.residents,
      outbox: options.outbox,
      translator: options.translator,
      defaultLocale: options.defaultLocale,
      now: this.now,
      wake: () => this.wake(),
    });
    this.learned = new LearnedAnswers(options.storage, options.search);
    this.followUps = new FollowUps({
      storage: options.storage,
      reports: this.reports,
      residents: this.residents,
      actions: this.actions,
      outbox: options.outbox,
      translator: options.translator,
      content: options.content,
      defaultLocale: options.defaultLocale,
      wake: () => this.wake(),
      clock: () => this.now(),
    });
    this.broadcasts = new Broadcasts({
      storage: options.storage,
      residents: this.residents,
      outbox: options.outbox,
      translator: options.translator,
      defaultLocale: options.defaultLocale,
      logger: options.logger,
      wake: () => this.wake(),
      clock: () => this.now(),
    });
  }

  /**
   * Bans or unbans the resident behind a report (organisers' /ban and /unban). A banned resident's
   * messages are ignored on every messenger. Returns the resident's key, or undefined.
   */
  async setBanned(refOrKey: string, banned: boolean): Promise<string | undefined> {
    const ref = parseRef(refOrKey);
    const report = ref ? await this.reports.get(ref) : undefined;
    const target = report?.resident ?? parseResidentKey(refOrKey.trim());
    if (!target) return undefined;
    const resident = await this.residents.get(target);
    if (!resident) return undefined;
    resident.banned = banned;
    await this.residents.save(resident);
    if (banned) await this.flows.delete(residentKey(resident));
    this.options.logger.info({ channel: resident.channel, banned }, "resident ban changed");
    return residentKey(resident);
  }

  /**
   * Teaches the bot from a question that reached the organisers: with `itemId`, the question's words
   * join that programme item's vocabulary; without, the organisers' reply becomes the answer to it.
   */
  async teach(ref: string, itemId?: string): Promise<"taught" | "unknown-ref" | "not-a-question" | "no-reply" | "unknown-item"> {
    const report = await this.reports.get(ref);
    if (!report) return "unknown-ref";
    if (report.kind !== "question" || !report.text) return "not-a-question";
    if (itemId) return (await this.learned.teachPhrase(ref, itemId, report.text, this.now())) ? "taught" : "unknown-item";
    if (!report.lastReply) return "no-reply";
    await this.learned.teachAnswer(ref, report.text, report.lastReply, this.now());
    this.options.logger.info({ ref }, "answer taught");
    return "taught";
  }

  /** The content the core runs on (programme, organisation). */
  get content(): Content {
    return this.options.content;
  }

  /** A translator bound to one locale. */
  tFor(locale: Locale): (key: string, args?: MessageArgs) => string {
    return (key, args) => this.options.translator.t(locale, key, args);
  }

  /**
   * Handles one event from one resident and returns the messages to show them, in order. Never
   * throws for bad input: anything unexpected gets an answer that says what to do next.
   */
  async handle(ref: ResidentRef, event: IncomingEvent, hints: EventHints = {}): Promise<OutgoingMessage[]> {
    const now = this.now();
    const hinted = hints.languageCode?.slice(0, 2);
    const initialLocale: Locale = hinted === "en" ? "en" : this.options.defaultLocale;
    // A flood from one resident slows that resident only: they are told once, then ignored a while.
    const flooding = event.kind === "unsubscribed" ? "ok" : this.flood.check(residentKey(ref), now);
    if (flooding === "drop") return [];
    const { resident, created } = await this.residents.getOrCreate(ref, { locale: initialLocale, now });
    if (resident.banned) return [];
    if (flooding === "warn") return [{ text: this.tFor(resident.locale)("flood-slow-down") }];
    resident.lastSeenAt = now;
    if (event.kind === "unsubscribed") {
      resident.unsubscribed = true;
      await this.residents.save(resident);
      return [];
    }
    const wasUnsubscribed = resident.unsubscribed === true;
    resident.unsubscribed = false;
    const messages = await this.dispatch(resident, this.resolveTypedButton(resident, event), created || wasUnsubscribed);
    const buttons = messages.flatMap((message) => [
      ...(message.buttons ?? []).flat(),
      ...(message.request ? [{ label: message.request.label, data: "" }] : []),
    ]);
    if (buttons.length > 0) resident.lastButtons = buttons.filter((button) => button.data !== "").map((button) => ({ label: button.label, data: button.data }));
    await this.residents.save(resident);
    return messages;
  }

  /** Typing a button's label (Viber, Telegram reply keyboards, people who type) counts as pressing it. */
  private resolveTypedButton(resident: Resident, event: IncomingEvent): IncomingEvent {
    if (event.kind !== "text") return event;
    const typed = normaliseLabel(event.text);
    if (typed.length === 0) return event;
    const match = resident.lastButtons?.find((button) => normaliseLabel(button.label) === typed);
    if (match) return { kind: "choice", data: match.data };
    const t = this.tFor(resident.locale);
    for (const command of ["menu", "programme", "complaint", "volunteer", "question", "cancel", "help"] as const) {
      const words = t(`words-${command}`).split(",").map(normaliseLabel);
      if (words.includes(typed)) return { kind: "text", text: `/${command}` };
    }
    return event;
  }

  private async dispatch(resident: Resident, event: IncomingEvent, fresh: boolean): Promise<OutgoingMessage[]> {
    const t = this.tFor(resident.locale);
    const state = await this.currentFlow(resident);

    if (event.kind === "start") return this.start(resident, event.payload, fresh, state);
    if (event.kind === "text" && event.text.trim().startsWith("/")) {
      const command = parseCommand(event.text);
      if (command && COMMANDS.has(command.name)) return this.command(resident, command.name, command.args, state, fresh);
      if (command && ORGANISER_COMMANDS.has(command.name)) return [{ text: t("organisers-only"), buttons: mainMenuButtons(t) }];
      if (!state) return [{ text: t("unknown-command"), buttons: mainMenuButtons(t) }];
    }
    if (event.kind === "choice") {
      const reply = await this.choice(resident, event.data, state);
      if (reply) return reply;
    }
    if (event.kind === "unsupported") {
      const note = t("unsupported-input", { what: t(`unsupported-${event.what}`) });
      if (state) return [promptFor(FLOWS[state.flow], state, this.stepContext(resident, state.answers), note)];
      return [{ text: note, buttons: mainMenuButtons(t) }];
    }
    if (state) return this.continueFlow(resident, state, event);
    if (event.kind === "text") return this.answerQuestion(resident, event.text);
    if (event.kind === "choice") return [{ text: t("button-expired"), buttons: mainMenuButtons(t) }];
    return [{ text: t("not-in-flow", { what: t(`input-kind-${event.kind}`) }), buttons: mainMenuButtons(t) }];
  }

  private async start(resident: Resident, payload: string | undefined, fresh: boolean, state: FlowState | undefined): Promise<OutgoingMessage[]> {
    const source = payload && /^[A-Za-z0-9_-]{1,64}$/.test(payload) ? payload : undefined;
    if (source && !resident.source) resident.source = source;
    const t = this.tFor(resident.locale);
    const organisation = this.options.content.organisation;
    const greeting = t(fresh ? "welcome-new" : "welcome-back", { organisation: organisation.name[resident.locale] });
    return [{ title: organisation.name[resident.locale], text: greeting, buttons: mainMenuButtons(t, this.resumeLabel(resident, state)) }];
  }

  private resumeLabel(resident: Resident, state: FlowState | undefined): string | undefined {
    if (!state || state.flow === "forget" || state.flow === "reply") return undefined;
    return this.tFor(resident.locale)(`resume-${state.flow}`);
  }

  private async command(resident: Resident, name: string, args: string, state: FlowState | undefined, fresh: boolean): Promise<OutgoingMessage[]> {
    const t = this.tFor(resident.locale);
    switch (name) {
      case "start":
        return this.start(resident, args.trim() || undefined, fresh, state);
      case "help":
        return [
          {
            title: t("help-title"),
            text: t("help-text", { contacts: this.options.content.organisation.contacts[resident.locale] }),
            buttons: mainMenuButtons(t),
          },
        ];
      case "menu":
        return [{ text: t("menu-text"), buttons: mainMenuButtons(t, this.resumeLabel(resident, state)) }];
      case "programme":
      case "program":
        return [sectionsMessage(this.options.content.programmes[resident.locale], t)];
      case "language":
        return [this.languageMessage(resident)];
      case "cancel":
        if (!state) return [{ text: t("cancel-nothing"), buttons: mainMenuButtons(t) }];
        await this.flows.delete(residentKey(resident));
        return [{ text: t("cancelled"), buttons: mainMenuButtons(t) }];
      case "complaint":
      case "volunteer":
        return this.beginFlow(resident, name, {});
      case "question":
        return args.trim() ? this.beginFlow(resident, "question", { question: args.trim() }, "summary") : this.beginFlow(resident, "question", {});
      case "status":
      case "reports":
        return this.statusMessages(resident, args);
      case "mydata":
        return [this.myData(resident)];
      case "forget":
        return this.beginFlow(resident, "forget", {});
      case "stop":
        resident.optedOut = true;
        return optOutMessages(t);
      default:
        return [{ text: t("unknown-command"), buttons: mainMenuButtons(t) }];
    }
  }

  private languageMessage(resident: Resident): OutgoingMessage {
    const t = this.tFor(resident.locale);
    return {
      text: t("language-choose"),
      buttons: [
        [
          { label: "🇺🇦 Українська", data: "lang:uk" },
          { label: "🇬🇧 English", data: "lang:en" },
        ],
        menuRow(t),
      ],
    };
  }

  private async choice(resident: Resident, data: string, state: FlowState | undefined): Promise<OutgoingMessage[] | undefined> {
    const t = this.tFor(resident.locale);
    if (data === MENU_DATA) return [{ text: t("menu-text"), buttons: mainMenuButtons(t, this.resumeLabel(resident, state)) }];
    if (data === "resume" && state) return [promptFor(FLOWS[state.flow], state, this.stepContext(resident, state.answers))];
    if (data.startsWith("cmd:")) return this.command(resident, data.slice(4), "", state, false);
    if (data.startsWith("lang:")) {
      const locale = data.slice(5);
      if (!isLocale(locale)) return undefined;
      resident.locale = locale;
      resident.localeChosen = true;
      const tl = this.tFor(locale);
      return [{ text: tl("language-set"), buttons: mainMenuButtons(tl, this.resumeLabel(resident, state)) }];
    }
    if (isProgrammeData(data)) {
      return browse(this.options.content.programmes[resident.locale], data, t) ?? [sectionsMessage(this.options.content.programmes[resident.locale], t)];
    }
    if (data === "ask:send") {
      const question = await this.pendingQuestions.get(residentKey(resident));
      return this.beginFlow(resident, "question", question ? { question } : {}, question ? "summary" : undefined);
    }
    if (data.startsWith("reply:")) {
      const ref = data.slice(6);
      const report = await this.reports.get(ref);
      if (!report || !isParty(report, resident)) return [{ text: t("reply-unknown-ref", { ref }), buttons: mainMenuButtons(t) }];
      return this.beginFlow(resident, "reply", { ref });
    }
    if (data.startsWith("status:")) return this.statusMessages(resident, data.slice(7));
    if (data === OPT_OUT_DATA) {
      resident.optedOut = true;
      return optOutMessages(t);
    }
    if (data === OPT_IN_DATA) {
      resident.optedOut = false;
      return optInMessages(t);
    }
    if (isFollowUpData(data)) return this.followUps.answer(resident, data, this.now());
    if (isFlowData(data)) {
      if (state) return undefined;
      return [{ text: t("button-expired"), buttons: mainMenuButtons(t) }];
    }
    return undefined;
  }

  private stepContext(resident: Resident, answers: FlowState["answers"]): StepContext {
    return { resident, locale: resident.locale, answers, content: this.options.content, t: this.tFor(resident.locale), services: this.flowServices(resident) };
  }

  private async currentFlow(resident: Resident): Promise<FlowState | undefined> {
    const state = await this.flows.get(residentKey(resident));
    if (!state) return undefined;
    const definition = FLOWS[state.flow];
    if (!definition || definition.version !== state.version || this.now() - state.startedAt > DRAFT_TTL_MS) {
      await this.flows.delete(residentKey(resident));
      return undefined;
    }
    return state;
  }

  private async beginFlow(resident: Resident, flow: FlowState["flow"], answers: FlowState["answers"], startAt?: string): Promise<OutgoingMessage[]> {
    const outcome = startFlow(FLOWS[flow], this.stepContext(resident, answers), this.now(), startAt);
    if (outcome.state) await this.flows.set(residentKey(resident), outcome.state);
    return outcome.messages;
  }

  private async continueFlow(resident: Resident, state: FlowState, event: IncomingEvent): Promise<OutgoingMessage[]> {
    const t = this.tFor(resident.locale);
    const outcome = await advanceFlow(FLOWS[state.flow], state, event, (answers) => this.stepContext(resident, answers));
    if (outcome.state) {
      await this.flows.set(residentKey(resident), outcome.state);
      if (typeof outcome.state.answers.settlement === "string") resident.lastSettlement = outcome.state.answers.settlement;
    } else {
      await this.flows.delete(residentKey(resident));
    }
    if (outcome.cancelled) return [{ text: t("cancelled"), buttons: mainMenuButtons(t) }];
    return outcome.messages;
  }

  /** A free-text message outside any flow: a question about the programme. */
  private async answerQuestion(resident: Resident, text: string): Promise<OutgoingMessage[]> {
    const t = this.tFor(resident.locale);
    const question = text.trim().slice(0, 2000);
    await this.pendingQuestions.set(residentKey(resident), question, 24 * 3600 * 1000);
    const result = this.options.search.ask(question);
    const askPerson = { label: t("answer-ask-person"), data: "ask:send" };
    const answer = result.answers[0];
    if (answer && (result.matches.length === 0 || answer.score >= (result.matches[0]?.score ?? 0))) {
      return [{ title: t("answer-from-organisers"), text: answer.answer, buttons: [[askPerson], menuRow(t)] }];
    }
    const programme = this.options.content.programmes[resident.locale];
    const [best, ...others] = result.matches;
    const found = best ? findItem(programme, best.id) : undefined;
    if (!best || !found) {
      return [
        {
          text: t("answer-none"),
          buttons: [[{ label: t("answer-send-to-organisers"), data: "ask:send" }], [{ label: t("menu-programme"), data: "cmd:programme" }], menuRow(t)],
        },
      ];
    }
    const related = others
      .map((match) => findItem(programme, match.id))
      .filter((entry): entry is NonNullable<typeof entry> => entry !== undefined)
      .slice(0, 2)
      .map((entry) => [{ label: `➡ ${entry.item.title}`, data: `prog:i:${entry.item.id}` }]);
    return [
      {
        title: `${found.section.title} · ${found.item.title}`,
        text: `${found.item.text.trim()}\n\n${t(related.length > 0 ? "answer-related" : "answer-footer")}`,
        buttons: [...related, [askPerson], menuRow(t)],
      },
    ];
  }

  private async statusMessages(resident: Resident, args: string): Promise<OutgoingMessage[]> {
    const t = this.tFor(resident.locale);
    const requested = args.trim() ? parseRef(args) : undefined;
    if (args.trim() && !requested) return [{ text: t("status-bad-ref"), buttons: mainMenuButtons(t) }];
    if (requested) {
      const report = await this.reports.get(requested);
      if (!report || !isParty(report, resident)) return [{ text: t("status-not-yours", { ref: requested }), buttons: mainMenuButtons(t) }];
      return [{ title: t("status-title", { ref: report.ref }), text: this.describeReport(report, resident.locale), buttons: [menuRow(t)] }];
    }
    const refs = resident.reports.slice(-8).reverse();
    if (refs.length === 0) return [{ text: t("status-none"), buttons: mainMenuButtons(t) }];
    const reports = (await Promise.all(refs.map((ref) => this.reports.get(ref)))).filter((report): report is Report => report !== undefined);
    const lines = reports.map((report) => t("status-line", { ref: report.ref, kind: t(`kind-${report.kind}`), status: t(`status-${report.status}`) }));
    return [
      {
        title: t("status-list-title"),
        text: lines.join("\n"),
        buttons: [...reports.slice(0, 4).map((report) => [{ label: report.ref, data: `status:${report.ref}` }]), menuRow(t)],
      },
    ];
  }

  private describeReport(report: Report, locale: Locale): string {
    const t = this.tFor(locale);
    const last = report.history.at(-1);
    const lines = [t("status-line", { ref: report.ref, kind: t(`kind-${report.kind}`), status: t(`status-${report.status}`) })];
    if (report.text) lines.push(t("summary-description", { value: report.text.length > 300 ? `${report.text.slice(0, 300)}…` : report.text }));
    if (last?.comment) lines.push(t("status-comment", { comment: last.comment }));
    return lines.join("\n");
  }

  private myData(resident: Resident): OutgoingMessage {
    const t = this.tFor(resident.locale);
    const lines = [
      t("mydata-messenger", { channel: resident.channel === "telegram" ? "Telegram" : "Viber", id: resident.id }),
      t("mydata-language", { language: resident.locale === "uk" ? "Українська" : "English" }),
      t("mydata-name", { value: resident.name ?? t("mydata-none") }),
      t("mydata-phone", { value: resident.phone ?? t("mydata-none") }),
      t("mydata-settlement", { value: resident.lastSettlement ?? t("mydata-none") }),
      t("mydata-source", { value: resident.source ?? t("mydata-none") }),
      t("mydata-reports", { value: resident.reports.length > 0 ? resident.reports.join(", ") : t("mydata-none") }),
    ];
    return {
      title: t("mydata-title"),
      text: `${lines.join("\n")}\n\n${t("mydata-footer")}`,
      buttons: [[{ label: t("button-forget"), data: "cmd:forget" }], menuRow(t)],
    };
  }

  private flowServices(resident: Resident): FlowServices {
    return {
      fileReport: (fields) => this.fileReport(resident, fields),
      fileVolunteer: (fields) => this.fileVolunteer(resident, fields),
      replyToOrganisers: (ref, text) => this.actions.residentReplied(ref, resident, text),
      forgetResident: () => this.forget(resident),
      findSimilarReport: async (draft) => {
        const similar = await findSimilarComplaint(this.reports, { ...draft, resident }, this.now(), this.options.storage);
        return similar ? { ref: similar.ref, text: similar.text ?? "" } : undefined;
      },
      joinReport: (ref, text) => this.joinReport(resident, ref, text),
    };
  }

  private rememberContact(resident: Resident, contact: Report["contact"]): void {
    if (!contact) return;
    if (contact.phone) resident.phone = contact.phone;
    if (contact.name) resident.name = contact.name;
    resident.consentAt = this.now();
  }

  private async fileReport(resident: Resident, fields: Omit<NewReport, "resident" | "source">): Promise<Report> {
    const report = await this.reports.create(
      { ...fields, resident: { channel: resident.channel, id: resident.id }, ...(resident.source ? { source: resident.source } : {}) },
      this.now(),
    );
    await indexComplaint(this.options.storage, report);
    resident.reports.push(report.ref);
    if (fields.settlement) resident.lastSettlement = fields.settlement;
    this.rememberContact(resident, fields.contact);
    await this.residents.save(resident);
    await this.options.outbox.enqueue({ type: "card", ref: report.ref }, this.now());
    this.wake();
    this.options.logger.info({ ref: report.ref, kind: report.kind, channel: resident.channel }, "report filed");
    return report;
  }

  /** Adds the resident to an open report as a follower; the card shows how many it affects. */
  private async joinReport(resident: Resident, ref: string, text: string): Promise<Report | undefined> {
    const report = await this.reports.get(ref);
    if (!report || (report.status !== "new" && report.status !== "in_progress")) return undefined;
    if (!isParty(report, resident)) {
      report.followers = [...(report.followers ?? []), { channel: resident.channel, id: resident.id }];
      report.updatedAt = this.now();
      await this.reports.save(report);
    }
    if (!resident.reports.includes(ref)) resident.reports.push(ref);
    await this.residents.save(resident);
    await this.options.outbox.enqueue({ type: "card", ref }, this.now());
    await this.options.outbox.enqueue(
      { type: "group-note", ref, key: "group-resident-joined", args: { ref, count: (report.followers?.length ?? 0) + 1, text } },
      this.now(),
    );
    this.wake();
    this.options.logger.info({ ref, channel: resident.channel }, "resident joined a report");
    return report;
  }

  private async fileVolunteer(resident: Resident, fields: Omit<NewReport, "resident" | "source" | "kind">): Promise<{ report: Report; updated: boolean }> {
    const phone = fields.contact?.phone;
    const existingRef = await this.reports.findVolunteer(resident, phone);
    const existing = existingRef ? await this.reports.get(existingRef) : undefined;
    if (!existing) {
      const report = await this.fileReport(resident, { ...fields, kind: "volunteer" });
      await this.reports.indexVolunteer(report.ref, resident, phone);
      return { report, updated: false };
    }
    const now = this.now();
    Object.assign(existing, fields, { updatedAt: now, revisions: (existing.revisions ?? 0) + 1, forgotten: false });
    await this.reports.save(existing);
    await this.reports.indexVolunteer(existing.ref, resident, phone);
    if (!resident.reports.includes(existing.ref)) resident.reports.push(existing.ref);
    if (fields.settlement) resident.lastSettlement = fields.settlement;
    this.rememberContact(resident, fields.contact);
    await this.residents.save(resident);
    await this.options.outbox.enqueue({ type: "card", ref: existing.ref }, now);
    this.wake();
    this.options.logger.info({ ref: existing.ref, kind: "volunteer", channel: resident.channel }, "sign-up updated");
    return { report: existing, updated: true };
  }

  /**
   * /forget: removes name, phone, settlement and source from the resident, their flow state and
   * pending deliveries; reports keep their text but lose the contact, and their cards are marked.
   */
  private async forget(resident: Resident): Promise<void> {
    const key = residentKey(resident);
    for (const ref of resident.reports) {
      const report = await this.reports.get(ref);
      if (!report) continue;
      if (residentKey(report.resident) !== key) {
        // A report they joined: they stop following it; the author's data is not theirs to delete.
        report.followers = (report.followers ?? []).filter((follower) => residentKey(follower) !== key);
        await this.reports.save(report);
        await this.options.outbox.enqueue({ type: "card", ref }, this.now());
        continue;
      }
      if (report.contact?.phone) await this.reports.unindexPhone(report.contact.phone);
      delete report.contact;
      report.forgotten = true;
      await this.reports.save(report);
      await this.options.outbox.enqueue({ type: "card", ref }, this.now());
    }
    if (resident.phone) await this.reports.unindexPhone(resident.phone);
    await this.options.outbox.dropLane(laneOf({ type: "resident", resident, messages: [], purpose: "notice" }));
    await this.pendingQuestions.delete(key);
    await this.flows.delete(key);
    delete resident.name;
    delete resident.phone;
    delete resident.consentAt;
    delete resident.lastSettlement;
    delete resident.source;
    delete resident.lastButtons;
    this.wake();
    this.options.logger.info({ channel: resident.channel }, "resident data forgotten");
  }
}

/**
 * Per-resident flood control in this process: at most `limit` events per window; the first event
 * over the limit gets a warning, the rest are dropped until the window has room again.
 */
class FloodGuard {
  private readonly events = new Map<string, number[]>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: { limit: number; windowMs: number }) {}

  check(key: string, now: number): "ok" | "warn" | "drop" {
    const recent = (this.events.get(key) ?? []).filter((at) => at > now - this.options.windowMs);
    if (recent.length < this.options.limit) {
      recent.push(now);
      this.events.set(key, recent);
      this.warned.delete(key);
      if (this.events.size > 50_000) this.events.delete(this.events.keys().next().value ?? key);
      return "ok";
    }
    if (this.warned.has(key)) return "drop";
    this.warned.add(key);
    return "warn";
  }
}

function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{1F1E6}-\u{1F1FF}✅⬜➡⬅✖]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

function parseCommand(text: string): { name: string; args: string } | undefined {
  const match = /^\/([a-zA-Z_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: match[2] ?? "" };
}
