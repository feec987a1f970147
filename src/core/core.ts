import type { Logger } from "pino";
import type { Storage } from "../storage/storage.js";
import { faqFill, type Content } from "./content.js";
import type { FeatureServices } from "./features/feature.js";
import { createIntentMatcher, type IntentMatcher } from "./intents/matcher.js";
import { FEATURE_REGISTRY } from "./features/index.js";
import type { FlowServices, FlowState } from "./flows/flow.js";
import { FlowSessions } from "./flows/sessions.js";
import type { MessageArgs, Translator } from "./i18n.js";
import { Broadcasts } from "./organisers/broadcasts.js";
import { FollowUps } from "./organisers/followups.js";
import { setBanned, type BanOptions } from "./organisers/moderation.js";
import { findSimilarComplaint } from "./organisers/similar.js";
import { teach, type TeachOutcome } from "./organisers/teaching.js";
import type { Outbox } from "./outbox/outbox.js";
import { LearnedAnswers } from "./programme/learned.js";
import type { ProgrammeSearch } from "./programme/search.js";
import { ReportActions } from "./reports/actions.js";
import { DEFAULT_REPORT_LIMITS, ReportFiling, type ReportLimits } from "./reports/filing.js";
import { forgetResident } from "./reports/forget.js";
import { MediaStore } from "./media.js";
import { ReportRepository } from "./reports/reports.js";
import { ResidentRepository, type Resident } from "./residents.js";
import { Router, type EventHints } from "./router.js";
import type { IncomingEvent, Locale, OutgoingMessage, ResidentRef } from "./types.js";

export type { EventHints } from "./router.js";

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
  /** Caps per resident on reports per 24 hours and open at once (default {@link DEFAULT_REPORT_LIMITS}). */
  readonly limits?: ReportLimits;
}

/**
 * Viche's messenger-neutral core: the services (residents, reports, follow-ups, broadcasts, what
 * organisers taught) and the {@link Router} that hands each resident's event to its feature.
 * Transports call {@link handle} once per incoming event, one event per resident at a time.
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
  /** The organisation's FAQ, small talk and organisers' taught answers, read before the programme. */
  readonly intents: IntentMatcher;
  private readonly filing: ReportFiling;
  private readonly router: Router;
  private readonly banOptions: BanOptions;
  private readonly now: () => number;

  constructor(private readonly options: CoreOptions) {
    const { storage, outbox, translator, content, logger, defaultLocale } = options;
    const now = options.now ?? Date.now;
    this.now = now;
    const wake = (): void => (options.wake ?? (() => undefined))();
    this.residents = new ResidentRepository(storage);
    this.reports = new ReportRepository(storage);
    const flows = storage.collection<FlowState>("flow");
    const pendingQuestions = storage.collection<string>("pending-question");
    this.actions = new ReportActions({ reports: this.reports, residents: this.residents, outbox, translator, defaultLocale, now, wake });
    this.intents = createIntentMatcher(content.faq, faqFill(content.organisation));
    this.learned = new LearnedAnswers(storage, options.search, this.intents);
    const clock = (): number => now();
    this.followUps = new FollowUps({
      storage,
      reports: this.reports,
      residents: this.residents,
      actions: this.actions,
      outbox,
      translator,
      content,
      defaultLocale,
      wake,
      clock,
    });
    this.broadcasts = new Broadcasts({ storage, residents: this.residents, outbox, translator, defaultLocale, logger, wake, clock });
    this.filing = new ReportFiling({
      storage,
      reports: this.reports,
      residents: this.residents,
      outbox,
      logger,
      now,
      wake,
      limits: options.limits ?? DEFAULT_REPORT_LIMITS,
    });
    const registry = FEATURE_REGISTRY;
    const forget = {
      reports: this.reports,
      residents: this.residents,
      storage,
      media: new MediaStore(storage),
      outbox,
      perResident: [pendingQuestions, flows],
      logger,
      now,
      wake,
    };
    const sessions = new FlowSessions({
      store: flows,
      flow: (id) => registry.flow(id),
      content,
      translator,
      now,
      services: (resident) => this.flowServices(resident, () => forgetResident(forget, resident)),
    });
    const services: FeatureServices = {
      content,
      translator,
      search: options.search,
      intents: this.intents,
      reports: this.reports,
      followUps: this.followUps,
      pendingQuestions,
    };
    this.router = new Router({
      registry,
      residents: this.residents,
      sessions,
      services,
      translator,
      defaultLocale,
      now,
      flood: options.flood ?? { limit: 90, windowMs: 30_000 },
    });
    this.banOptions = { reports: this.reports, residents: this.residents, flows, logger };
  }

  /**
   * Bans or unbans the resident behind a report (organisers' /ban and /unban). A banned resident's
   * messages are ignored on every messenger. Returns the resident's key, or undefined.
   */
  setBanned(refOrKey: string, banned: boolean): Promise<string | undefined> {
    return setBanned(this.banOptions, refOrKey, banned);
  }

  /**
   * True when `ref`'s card has not been posted yet and its author is banned: the outbox drops such
   * a card when its turn comes, so a ban also stops what the resident queued before it.
   */
  async isBannedAuthorsNewCard(ref: string): Promise<boolean> {
    const report = await this.reports.get(ref);
    if (!report || report.card) return false;
    return (await this.residents.get(report.resident))?.banned === true;
  }

  /**
   * Teaches the bot from a question that reached the organisers: with `itemId`, the question's words
   * join that programme item's vocabulary; without, the organisers' reply becomes the answer to it.
   */
  teach(ref: string, itemId?: string): Promise<TeachOutcome> {
    return teach({ reports: this.reports, learned: this.learned, logger: this.options.logger, now: this.now }, ref, itemId);
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
  handle(ref: ResidentRef, event: IncomingEvent, hints: EventHints = {}): Promise<OutgoingMessage[]> {
    return this.router.handle(ref, event, hints);
  }

  private flowServices(resident: Resident, forget: () => Promise<void>): FlowServices {
    return {
      fileReport: (fields) => this.filing.fileReport(resident, fields),
      limitReached: () => this.filing.limitReached(resident),
      fileVolunteer: (fields, phoneVerified) => this.filing.fileVolunteer(resident, fields, phoneVerified),
      replyToOrganisers: (ref, text) => this.actions.residentReplied(ref, resident, text),
      forgetResident: forget,
      findSimilarReport: async (draft) => {
        const similar = await findSimilarComplaint(this.reports, { ...draft, resident }, this.now(), this.options.storage);
        return similar ? { ref: similar.ref, createdAt: similar.createdAt, affected: 1 + (similar.followers?.length ?? 0) } : undefined;
      },
      joinReport: (ref, text) => this.filing.joinReport(resident, ref, text),
    };
  }
}
