import type { Translator } from "../i18n.js";
import { menuRow } from "../features/menu.js";
import { replyButton } from "../features/replies.js";
import type { Outbox, OutboxPayload } from "../outbox/outbox.js";
import type { ResidentRepository } from "../residents.js";
import { residentKey, type Locale, type ResidentRef } from "../types.js";
import { canMove, FORGOTTEN_RESIDENT_ID, isParty, type Report, type ReportRepository, type ReportStatus } from "./reports.js";

/** Why an organiser's action did not happen, as a locale key for the group. */
export type ActionRefusal = "unknown-ref" | "bad-transition" | "needs-reason" | "forgotten";

/** The result of an organiser's action: the updated report, or why not. */
export type ActionResult = { ok: true; report: Report } | { ok: false; reason: ActionRefusal };

/**
 * What organisers do to reports, independent of how they asked (a button, a command, a reply).
 * Each action stores the change, queues the resident's notice and the card update in the outbox.
 */
export class ReportActions {
  constructor(
    private readonly deps: {
      reports: ReportRepository;
      residents: ResidentRepository;
      outbox: Outbox;
      translator: Translator;
      defaultLocale: Locale;
      now: () => number;
      wake: () => void;
    },
  ) {}

  private async enqueue(payload: OutboxPayload): Promise<void> {
    await this.deps.outbox.enqueue(payload, this.deps.now());
    this.deps.wake();
  }

  private async localeOf(resident: ResidentRef): Promise<Locale> {
    return (await this.deps.residents.get(resident))?.locale ?? this.deps.defaultLocale;
  }

  /**
   * Moves a report to `status`. Rejections need a reason, which the resident is told. The resident
   * gets a notice in their language; the card shows the new state.
   */
  async changeStatus(ref: string, status: ReportStatus, by: number | undefined, comment?: string): Promise<ActionResult> {
    const report = await this.deps.reports.get(ref);
    if (!report) return { ok: false, reason: "unknown-ref" };
    if (report.status === status || !canMove(report.status, status)) return { ok: false, reason: "bad-transition" };
    if (status === "rejected" && !comment?.trim()) return { ok: false, reason: "needs-reason" };
    const now = this.deps.now();
    report.status = status;
    report.updatedAt = now;
    report.history.push({ at: now, status, ...(by !== undefined ? { by } : {}), ...(comment ? { comment: comment.trim() } : {}) });
    if (by !== undefined) report.lastOrganiserActionAt = now;
    await this.deps.reports.save(report);
    await this.deps.reports.trackResolution(ref, status === "resolved" ? now : undefined);
    await this.tellParties(report, "status", (t) => ({
      title: t("status-notice-title", { ref }),
      text: t(`status-notice-${status}`, { ref, reason: comment?.trim() ?? "" }),
    }));
    await this.enqueue({ type: "card", ref });
    return { ok: true, report };
  }

  /** Chooses (on the card) whether organisers' replies go to every resident of the report or only to its author. */
  async setReplyAll(ref: string, replyAll: boolean): Promise<ActionResult> {
    const report = await this.deps.reports.get(ref);
    if (!report) return { ok: false, reason: "unknown-ref" };
    report.replyAll = replyAll;
    report.updatedAt = this.deps.now();
    await this.deps.reports.save(report);
    await this.enqueue({ type: "card", ref });
    return { ok: true, report };
  }

  /**
   * Sends an organiser's words, signed by the organisation, with a reply button: to the report's
   * author only, unless organisers chose on the card to answer everyone who joined it too.
   */
  async relayToResident(ref: string, text: string): Promise<ActionResult> {
    const report = await this.deps.reports.get(ref);
    if (!report) return { ok: false, reason: "unknown-ref" };
    if (report.resident.id === FORGOTTEN_RESIDENT_ID && (report.replyAll !== true || (report.followers?.length ?? 0) === 0))
      return { ok: false, reason: "forgotten" };
    const now = this.deps.now();
    if (report.firstReplyAt === undefined) report.firstReplyAt = now;
    report.lastReply = text;
    report.lastOrganiserActionAt = now;
    report.updatedAt = now;
    await this.deps.reports.save(report);
    await this.tellParties(report, "relay", (t) => ({ title: t("relay-title", { ref }), text }), report.replyAll === true ? "all" : "author");
    return { ok: true, report };
  }

  /**
   * Queues a message for the resident who filed the report and every resident who joined it, each
   * in their own language, with a reply button and the main menu.
   */
  private async tellParties(
    report: Report,
    purpose: "status" | "relay",
    compose: (t: (key: string, args?: Record<string, string | number>) => string) => { title: string; text: string },
    to: "all" | "author" = "all",
  ): Promise<void> {
    // An author who used /forget is no longer linked to the report: nothing can reach them.
    const recipients = (to === "all" ? partiesOf(report) : [report.resident]).filter((resident) => resident.id !== FORGOTTEN_RESIDENT_ID);
    for (const resident of recipients) {
      const locale = await this.localeOf(resident);
      const t = (key: string, args?: Record<string, string | number>) => this.deps.translator.t(locale, key, args);
      await this.enqueue({
        type: "resident",
        resident,
        ref: report.ref,
        purpose,
        messages: [{ ...compose(t), buttons: [[replyButton(t, report.ref)], menuRow(t)] }],
      });
    }
  }

  /** Puts the resident's answer under the card in the organisers' group. */
  async residentReplied(ref: string, resident: ResidentRef, text: string): Promise<boolean> {
    const report = await this.deps.reports.get(ref);
    if (!report || !isParty(report, resident)) return false;
    // A joiner's words are labelled as such: organisers must not take them for the author's.
    const key = residentKey(report.resident) === residentKey(resident) ? "group-resident-replied" : "group-follower-replied";
    await this.enqueue({ type: "group-note", ref, key, args: { ref, text } });
    return true;
  }
}

/** The resident who filed a report, then every resident who joined it. */
function partiesOf(report: Report): ResidentRef[] {
  return [report.resident, ...(report.followers ?? [])];
}
