import type { Logger } from "pino";
import type { Collection, Storage } from "../../storage/storage.js";
import type { MediaStore } from "../media.js";
import { laneOf, type Outbox } from "../outbox/outbox.js";
import type { Resident, ResidentRepository } from "../residents.js";
import { residentKey } from "../types.js";
import { FORGOTTEN_RESIDENT_ID, type ReportRepository } from "./reports.js";

/** What forgetting a resident touches. */
export interface ForgetOptions {
  readonly reports: ReportRepository;
  readonly residents: ResidentRepository;
  readonly storage: Storage;
  /** Photo bytes Viche keeps (Viber pictures): deleted with the reports' photos. */
  readonly media: MediaStore;
  readonly outbox: Outbox;
  /** Stores keyed by resident whose entries are deleted (flow drafts, pending questions). */
  readonly perResident: readonly Collection<unknown>[];
  readonly logger: Logger;
  readonly now: () => number;
  readonly wake: () => void;
}

/**
 * /forget: removes name, phone, settlement and source from the resident, their drafts and pending
 * deliveries; their reports keep only what is not personal (topic, place, text, status) and lose
 * the contact, the location, the photos (with the bytes Viche kept) and the messenger id, and their
 * cards are edited (the group's photo and location messages deleted where Telegram still allows).
 * Reports they only joined stop counting them as a follower. The resident is saved and the store
 * compacted, so the old values do not linger in its files.
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
    delete report.location;
    for (const photo of report.photos) await options.media.delete(photo.fileId);
    report.photos = [];
    report.resident = { channel: report.channel, id: FORGOTTEN_RESIDENT_ID };
    delete report.followUp;
    report.forgotten = true;
    await reports.save(report);
    await outbox.enqueue({ type: "card", ref }, options.now());
  }
  if (resident.phone) await reports.unindexPhone(resident.phone);
  await reports.unindexResident(resident);
  resident.reports = [];
  await outbox.dropLane(laneOf({ type: "resident", resident, messages: [], purpose: "notice" }));
  for (const collection of options.perResident) await collection.delete(key);
  delete resident.name;
  delete resident.phone;
  delete resident.consentAt;
  delete resident.lastSettlement;
  delete resident.lastSettlementCode;
  delete resident.source;
  delete resident.lastButtons;
  await options.residents.save(resident);
  await options.storage.compact();
  options.wake();
  options.logger.info({ channel: resident.channel }, "resident data forgotten");
}
