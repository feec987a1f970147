import type { Logger } from "pino";
import type { Collection } from "../../storage/storage.js";
import { laneOf, type Outbox } from "../outbox/outbox.js";
import type { Resident } from "../residents.js";
import { residentKey } from "../types.js";
import type { ReportRepository } from "./reports.js";

/** What forgetting a resident touches. */
export interface ForgetOptions {
  readonly reports: ReportRepository;
  readonly outbox: Outbox;
  /** Stores keyed by resident whose entries are deleted (flow drafts, pending questions). */
  readonly perResident: readonly Collection<unknown>[];
  readonly logger: Logger;
  readonly now: () => number;
  readonly wake: () => void;
}

/**
 * /forget: removes name, phone, settlement and source from the resident (saved by the caller),
 * their drafts and pending deliveries; reports keep their text but lose the contact, and their
 * cards are marked. Reports they only joined stop counting them as a follower.
 */
export async function forgetResident(options: ForgetOptions, resident: Resident): Promise<void> {
  const { reports, outbox } = options;
  const key = residentKey(resident);
  for (const ref of resident.reports) {
    const report = await reports.get(ref);
    if (!report) continue;
    if (residentKey(report.resident) !== key) {
      // A report they joined: they stop following it; the author's data is not theirs to delete.
      report.followers = (report.followers ?? []).filter((follower) => residentKey(follower) !== key);
      await reports.save(report);
      await outbox.enqueue({ type: "card", ref }, options.now());
      continue;
    }
    if (report.contact?.phone) await reports.unindexPhone(report.contact.phone);
    delete report.contact;
    report.forgotten = true;
    await reports.save(report);
    await outbox.enqueue({ type: "card", ref }, options.now());
  }
  if (resident.phone) await reports.unindexPhone(resident.phone);
  await outbox.dropLane(laneOf({ type: "resident", resident, messages: [], purpose: "notice" }));
  for (const collection of options.perResident) await collection.delete(key);
  delete resident.name;
  delete resident.phone;
  delete resident.consentAt;
  delete resident.lastSettlement;
  delete resident.lastSettlementCode;
  delete resident.source;
  delete resident.lastButtons;
  options.wake();
  options.logger.info({ channel: resident.channel }, "resident data forgotten");
}
