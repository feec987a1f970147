import type { Logger } from "pino";
import type { Storage } from "../../storage/storage.js";
import { indexComplaint } from "../organisers/similar.js";
import type { Outbox } from "../outbox/outbox.js";
import type { Resident, ResidentRepository } from "../residents.js";
import { isParty, type NewReport, type Report, type ReportRepository } from "./reports.js";

/** What filing needs. */
export interface ReportFilingOptions {
  readonly storage: Storage;
  readonly reports: ReportRepository;
  readonly residents: ResidentRepository;
  readonly outbox: Outbox;
  readonly logger: Logger;
  readonly now: () => number;
  /** Called after a card was queued, so the worker delivers it at once. */
  readonly wake: () => void;
  /** Caps per resident (see {@link ReportLimits}); without them, none. */
  readonly limits?: ReportLimits;
}

/** How much one resident may file: reports (complaints and questions) per 24 hours, and open at once. */
export interface ReportLimits {
  readonly perDay: number;
  readonly open: number;
}

/** Defaults sensible for a real person; REPORTS_PER_DAY and OPEN_REPORTS_PER_RESIDENT change them. */
export const DEFAULT_REPORT_LIMITS: ReportLimits = { perDay: 5, open: 10 };

/** Which cap a resident reached, and the cap. */
export interface LimitReached {
  readonly limit: "day" | "open";
  readonly count: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Files residents' reports and sign-ups, and joins them to similar open complaints. Each stores the
 * report, updates the resident, and queues the organisers' card in the outbox.
 */
export class ReportFiling {
  constructor(private readonly options: ReportFilingOptions) {}

  /**
   * Whether the resident reached a cap: as many reports they filed in the last 24 hours as
   * allowed, or as many open at once. Undefined while they may file another.
   */
  async limitReached(resident: Resident): Promise<LimitReached | undefined> {
    const limits = this.options.limits;
    if (!limits) return undefined;
    const since = this.options.now() - DAY_MS;
    const mine: Report[] = [];
    for (const ref of resident.reports) {
      if (ref.startsWith("V-")) continue;
      const report = await this.options.reports.get(ref);
      if (report && report.resident.id === resident.id && report.resident.channel === resident.channel) mine.push(report);
    }
    if (mine.filter((report) => report.createdAt > since).length >= limits.perDay) return { limit: "day", count: limits.perDay };
    if (mine.filter((report) => report.status === "new" || report.status === "in_progress").length >= limits.open) return { limit: "open", count: limits.open };
    return undefined;
  }

  /** Files a complaint or question; the card goes to the organisers through the outbox. */
  async fileReport(resident: Resident, fields: Omit<NewReport, "resident" | "source">): Promise<Report> {
    const { reports, storage, residents, outbox, logger } = this.options;
    const now = this.options.now();
    const report = await reports.create(
      { ...fields, resident: { channel: resident.channel, id: resident.id }, ...(resident.source ? { source: resident.source } : {}) },
      now,
    );
    await indexComplaint(storage, report);
    resident.reports.push(report.ref);
    if (fields.settlement) {
      resident.lastSettlement = fields.settlement;
      if (fields.settlementCode) resident.lastSettlementCode = fields.settlementCode;
      else delete resident.lastSettlementCode;
    }
    this.rememberContact(resident, fields.contact);
    await residents.save(resident);
    await outbox.enqueue({ type: "card", ref: report.ref }, this.options.now());
    this.options.wake();
    logger.info({ ref: report.ref, kind: report.kind, channel: resident.channel }, "report filed");
    return report;
  }

  /** Adds the resident to an open report as a follower; the card shows how many it affects. Undefined when it can no longer be joined. */
  async joinReport(resident: Resident, ref: string, text: string): Promise<Report | undefined> {
    const { reports, residents, outbox, logger } = this.options;
    const report = await reports.get(ref);
    if (!report || (report.status !== "new" && report.status !== "in_progress")) return undefined;
    if (!isParty(report, resident)) {
      report.followers = [...(report.followers ?? []), { channel: resident.channel, id: resident.id }];
      report.updatedAt = this.options.now();
      await reports.save(report);
    }
    if (!resident.reports.includes(ref)) resident.reports.push(ref);
    await residents.save(resident);
    await outbox.enqueue({ type: "card", ref }, this.options.now());
    await outbox.enqueue(
      { type: "group-note", ref, key: "group-resident-joined", args: { ref, count: (report.followers?.length ?? 0) + 1, text } },
      this.options.now(),
    );
    this.options.wake();
    logger.info({ ref, channel: resident.channel }, "resident joined a report");
    return report;
  }

  /**
   * Files a sign-up, or updates this resident's earlier one. Another sign-up with the same phone is
   * updated only when the messenger verified the phone as this resident's own (the same person on
   * another messenger); a typed number never merges into, reveals or overwrites anyone's sign-up.
   */
  async fileVolunteer(
    resident: Resident,
    fields: Omit<NewReport, "resident" | "source" | "kind">,
    phoneVerified = false,
  ): Promise<{ report: Report; updated: boolean }> {
    const { reports, residents, outbox, logger } = this.options;
    const phone = phoneVerified ? fields.contact?.phone : undefined;
    const existingRef = await reports.findVolunteer(resident, phone);
    const existing = existingRef ? await reports.get(existingRef) : undefined;
    if (!existing) {
      const report = await this.fileReport(resident, { ...fields, kind: "volunteer" });
      await reports.indexVolunteer(report.ref, resident, phone);
      return { report, updated: false };
    }
    const now = this.options.now();
    Object.assign(existing, fields, { updatedAt: now, revisions: (existing.revisions ?? 0) + 1, forgotten: false });
    await reports.save(existing);
    await reports.indexVolunteer(existing.ref, resident, phone);
    if (!resident.reports.includes(existing.ref)) resident.reports.push(existing.ref);
    if (fields.settlement) {
      resident.lastSettlement = fields.settlement;
      if (fields.settlementCode) resident.lastSettlementCode = fields.settlementCode;
      else delete resident.lastSettlementCode;
    }
    this.rememberContact(resident, fields.contact);
    await residents.save(resident);
    await outbox.enqueue({ type: "card", ref: existing.ref }, now);
    this.options.wake();
    logger.info({ ref: existing.ref, kind: "volunteer", channel: resident.channel }, "sign-up updated");
    return { report: existing, updated: true };
  }

  private rememberContact(resident: Resident, contact: Report["contact"]): void {
    if (!contact) return;
    if (contact.phone) resident.phone = contact.phone;
    if (contact.name) resident.name = contact.name;
    resident.consentAt = this.options.now();
  }
}
