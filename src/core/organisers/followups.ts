import type { Storage } from "../../storage/storage.js";
import type { Content } from "../content.js";
import type { Translator } from "../i18n.js";
import { followUpButtons } from "../features/follow-ups.js";
import { mainMenuButtons } from "../features/menu.js";
import type { Outbox, OutboxPayload } from "../outbox/outbox.js";
import type { ReportActions } from "../reports/actions.js";
import { isParty, type Report, type ReportRepository } from "../reports/reports.js";
import type { Resident, ResidentRepository } from "../residents.js";
import { residentKey, type Locale, type OutgoingMessage } from "../types.js";
import { DAY_MS, localClock } from "./time.js";

/** The idle digest is posted at the first scheduler run after this local hour. */
export const IDLE_DIGEST_HOUR = 9;

/** At most this many idle reports are listed by name in one digest. */
const DIGEST_LINES = 40;

/** Dependencies of {@link FollowUps}. */
export interface FollowUpsOptions {
  readonly storage: Storage;
  readonly reports: ReportRepository;
  readonly residents: ResidentRepository;
  readonly actions: ReportActions;
  readonly outbox: Outbox;
  readonly translator: Translator;
  readonly content: Content;
  readonly defaultLocale: Locale;
  readonly wake: () => void;
  /** The real clock, for stamping deliveries (the `now` passed to each method decides what is due). */
  readonly clock: () => number;
}

/**
 * What happens after organisers act, or fail to: N days after a complaint is resolved its residents
 * are asked whether the problem is really solved ("no" reopens it and tells the group under the
 * card); reports nobody has acted on for N days are listed in the group once a day. Both are run by
 * the organisers' scheduler with the time it passes, so tests can move the clock.
 */
export class FollowUps {
  constructor(private readonly options: FollowUpsOptions) {}

  private async enqueue(payload: OutboxPayload): Promise<void> {
    await this.options.outbox.enqueue(payload, this.options.clock());
    this.options.wake();
  }

  private t(locale: Locale): (key: string, args?: Record<string, string | number>) => string {
    return (key, args) => this.options.translator.t(locale, key, args);
  }

  /**
   * Asks the residents of every complaint resolved at least `askAfterResolvedDays` ago (and still
   * resolved) whether the problem is really solved. Each resolution is followed up once, also with
   * several processes. Returns the references asked about.
   */
  async askDue(now: number): Promise<string[]> {
    const { reports, residents, storage, content } = this.options;
    const due = await reports.resolvedBefore(now - content.organisation.followUp.askAfterResolvedDays * DAY_MS, 200);
    const asked: string[] = [];
    for (const ref of due) {
      await reports.trackResolution(ref, undefined);
      const report = await reports.get(ref);
      if (!report || report.status !== "resolved" || report.kind !== "complaint") continue;
      const resolvedAt = report.history.filter((event) => event.status === "resolved").at(-1)?.at ?? report.updatedAt;
      if (!(await storage.claim(`followup:${ref}:${resolvedAt}`, 365 * DAY_MS))) continue;
      report.followUp = { askedAt: now };
      await reports.save(report);
      // Only its author is asked: the question quotes their words, and only they say whether it is solved.
      const resident = await residents.get(report.resident);
      if (resident && !resident.unsubscribed && !resident.banned) {
        await this.enqueue({ type: "resident", resident: report.resident, ref, purpose: "followup", messages: [this.question(report, resident.locale)] });
      }
      asked.push(ref);
    }
    return asked;
  }

  private question(report: Report, locale: Locale): OutgoingMessage {
    const t = this.t(locale);
    const text = report.text && report.text.length > 120 ? `${report.text.slice(0, 120)}…` : (report.text ?? "");
    return {
      title: t("followup-title", { ref: report.ref }),
      text: t("followup-question", { ref: report.ref, text }),
      buttons: followUpButtons(t, report.ref),
    };
  }

  /** A resident answered the follow-up: "yes" is noted, "no" reopens the report and tells the group. */
  async answer(resident: Resident, answer: "yes" | "no", ref: string, now: number): Promise<OutgoingMessage[]> {
    const t = this.t(resident.locale);
    const report = await this.options.reports.get(ref);
    if (!report || !isParty(report, resident)) return [{ text: t("reply-unknown-ref", { ref }), buttons: mainMenuButtons(t) }];
    // Taken only from the resident it was asked of, and only while it is asked.
    if (residentKey(report.resident) !== residentKey(resident) || report.followUp === undefined) {
      return [{ text: t("followup-not-asked", { ref }), buttons: mainMenuButtons(t) }];
    }
    if (report.status !== "resolved") return [{ text: t("followup-already-open", { ref }), buttons: mainMenuButtons(t) }];
    if (answer === "yes") {
      if (report.followUp?.answer !== "yes") {
        report.followUp = { askedAt: report.followUp?.askedAt ?? now, answer: "yes", answeredAt: now };
        await this.options.reports.save(report);
        await this.enqueue({ type: "group-note", ref, key: "group-followup-confirmed", args: { ref } });
      }
      return [{ text: t("followup-thanks", { ref }), buttons: mainMenuButtons(t) }];
    }
    const result = await this.options.actions.changeStatus(ref, "in_progress", undefined);
    if (!result.ok) return [{ text: t("followup-already-open", { ref }), buttons: mainMenuButtons(t) }];
    const reopened = result.report;
    reopened.followUp = { askedAt: reopened.followUp?.askedAt ?? now, answer: "no", answeredAt: now };
    await this.options.reports.save(reopened);
    await this.enqueue({ type: "group-note", ref, key: "group-followup-reopened", args: { ref } });
    return [{ text: t("followup-reopened", { ref }), buttons: mainMenuButtons(t) }];
  }

  /**
   * Once a day (at the first run after 9:00 in the organisation's time zone) lists in the group the
   * open reports no organiser has acted on for `flagIdleAfterDays`. Returns the references listed.
   */
  async flagIdle(now: number): Promise<string[]> {
    const { storage, reports, content, defaultLocale } = this.options;
    const clock = localClock(now, content.organisation.timeZone);
    if (clock.hour < IDLE_DIGEST_HOUR) return [];
    if (!(await storage.claim(`idle-digest:${clock.day}`, 3 * DAY_MS))) return [];
    const days = content.organisation.followUp.flagIdleAfterDays;
    const idle = await idleReports(reports, now, days, DIGEST_LINES);
    if (idle.refs.length === 0) return [];
    const t = this.t(defaultLocale);
    const lines = idle.first.map((report) =>
      t("idle-line", {
        ref: report.ref,
        kind: t(`kind-${report.kind}`),
        status: t(`status-${report.status}`),
        days: Math.floor((now - (report.lastOrganiserActionAt ?? report.createdAt)) / DAY_MS),
        place: report.settlement ?? "—",
      }),
    );
    if (idle.refs.length > DIGEST_LINES) lines.push(t("list-more", { count: idle.refs.length - DIGEST_LINES }));
    await this.enqueue({ type: "group-note", key: "group-idle-digest", args: { count: idle.refs.length, days, list: lines.join("\n") } });
    return idle.refs;
  }
}

/** What {@link idleReports} found: every idle report's reference, and the first `keep` reports themselves. */
export interface IdleReports {
  readonly refs: string[];
  readonly first: Report[];
}

/**
 * Open reports (new or in progress) with no organiser action for `days`, longest idle first. Only the
 * first `keep` are kept whole (the digest and /stats name a few and count the rest): a scan of
 * tens of thousands of reports holds their references, not the reports.
 */
export async function idleReports(reports: ReportRepository, now: number, days: number, keep: number): Promise<IdleReports> {
  const refs: string[] = [];
  const first: Report[] = [];
  for (const ref of await reports.openIdleSince(now - days * DAY_MS)) {
    const report = await reports.get(ref);
    if (!report || (report.status !== "new" && report.status !== "in_progress")) continue;
    if ((report.lastOrganiserActionAt ?? report.createdAt) > now - days * DAY_MS) continue;
    refs.push(ref);
    if (first.length < keep) first.push(report);
  }
  return { refs, first };
}
