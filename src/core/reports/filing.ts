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
}

/**
 * Files residents' reports and sign-ups, and joins them to similar open complaints. Each stores the
 * report, updates the resident, and queues the organisers' card in the outbox.
 */
export class ReportFiling {
  constructor(private readonly options: ReportFilingOptions) {}

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

  /** Files a sign-up, or updates this resident's (or this phone's) earlier one. */
  async fileVolunteer(resident: Resident, fields: Omit<NewReport, "resident" | "source" | "kind">): Promise<{ report: Report; updated: boolean }> {
    const { reports, residents, outbox, logger } = this.options;
    const phone = fields.contact?.phone;
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
