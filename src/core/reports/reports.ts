import type { Collection, Storage } from "../../storage/storage.js";
import { residentKey, type Channel, type PhotoRef, type ResidentRef } from "../types.js";

/** What a resident sent the organisers. */
export type ReportKind = "complaint" | "volunteer" | "question";

/** Where a report is in its life. */
export type ReportStatus = "new" | "in_progress" | "resolved" | "rejected";

/** Every status, in lifecycle order. */
export const REPORT_STATUSES: readonly ReportStatus[] = ["new", "in_progress", "resolved", "rejected"];

/** Reference prefixes: C-1042, V-1001, Q-1003. */
const PREFIX: Record<ReportKind, string> = { complaint: "C", volunteer: "V", question: "Q" };

/** One change in a report's life, for the card and for statistics. */
export interface ReportEvent {
  readonly at: number;
  readonly status: ReportStatus;
  /** Telegram user id of the organiser who acted, when one did. */
  readonly by?: number;
  readonly comment?: string;
}

/** A complaint, volunteer sign-up or question, as stored. */
export interface Report {
  readonly ref: string;
  readonly kind: ReportKind;
  status: ReportStatus;
  /** Who filed it; after /forget, {@link FORGOTTEN_RESIDENT_ID} instead of their messenger id. */
  resident: ResidentRef;
  readonly channel: Channel;
  category?: string;
  settlement?: string;
  /** The settlement's code in the gazetteer (КАТОТТГ) when the resident picked a listed place. */
  settlementCode?: string;
  text?: string;
  photos: PhotoRef[];
  location?: { latitude: number; longitude: number };
  /** Name and phone, only when the resident consented; removed by /forget. */
  contact?: { name?: string; phone?: string };
  /** Volunteer sign-ups: ways to help (content ids) and availability. */
  ways?: string[];
  availability?: string;
  source?: string;
  createdAt: number;
  updatedAt: number;
  history: ReportEvent[];
  /** Where the card is in the organisers' group, once delivered. */
  card?: {
    chatId: number;
    messageId: number;
    threadId?: number;
    /** The card is a photo with the card as its caption. */
    photo?: boolean;
    /** Messages posted under the card with the report's other photos and its location pin. */
    attachments?: number[];
  };
  /** When an organiser first replied. */
  firstReplyAt?: number;
  /** The organisers' latest reply: shown in the resident's "My reports", and for questions taught to the bot. */
  lastReply?: string;
  /** The resident used /forget: personal data was removed. */
  forgotten?: boolean;
  /** How many times this sign-up was updated by a later one. */
  revisions?: number;
  /** Other residents who reported the same problem and joined this report; they hear every update. */
  followers?: ResidentRef[];
  /** Organisers chose on the card that their replies go to every resident of the report, not only its author. */
  replyAll?: boolean;
  /** When an organiser last acted on it (status change or reply); reports idle too long are flagged. */
  lastOrganiserActionAt?: number;
  /** The "is it really solved?" question after resolution: when it was asked and what was answered. */
  followUp?: { askedAt: number; answer?: "yes" | "no"; answeredAt?: number };
}

/** The id a report keeps for its author once they used /forget: nothing links it to them any more. */
export const FORGOTTEN_RESIDENT_ID = "forgotten";

/** True when `resident` filed the report or joined it as a follower. */
export function isParty(report: Report, resident: ResidentRef): boolean {
  const key = residentKey(resident);
  return residentKey(report.resident) === key || (report.followers ?? []).some((follower) => residentKey(follower) === key);
}

/** Fields a new report is made from. */
export type NewReport = Omit<Report, "ref" | "status" | "createdAt" | "updatedAt" | "history" | "channel">;

/** Statuses a report may move to from each status. Resolved or rejected reports can be reopened. */
const TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ["in_progress", "resolved", "rejected"],
  in_progress: ["resolved", "rejected"],
  resolved: ["in_progress"],
  rejected: ["in_progress"],
};

/** True when a report may move from `from` to `to`. */
export function canMove(from: ReportStatus, to: ReportStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Parses a reference typed by a person (`c-1042`, `C1042`, ` C-1042 `) into its canonical form. */
export function parseRef(text: string): string | undefined {
  const match = /^\s*([CVQcvqСсКк])\s*-?\s*(\d{1,9})\s*$/u.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const letter = match[1].toUpperCase().replace("С", "C").replace("К", "C");
  return `${letter}-${match[2]}`;
}

/**
 * Complaints, sign-ups and questions: creation with atomic references, lookup, status changes.
 * References come from one counter per kind, so two residents filing at once never share one.
 */
export class ReportRepository {
  private readonly records: Collection<Report>;
  private readonly cardIndex: Collection<string>;
  private readonly volunteerIndex: Collection<string>;

  constructor(private readonly storage: Storage) {
    this.records = storage.collection<Report>("report");
    this.cardIndex = storage.collection<string>("card");
    this.volunteerIndex = storage.collection<string>("volunteer");
  }

  /** Creates a report with the next reference of its kind and indexes it. */
  async create(fields: NewReport, now: number): Promise<Report> {
    const number = 1000 + (await this.storage.increment(`ref:${fields.kind}`));
    const report: Report = {
      ...fields,
      ref: `${PREFIX[fields.kind]}-${number}`,
      channel: fields.resident.channel,
      status: "new",
      createdAt: now,
      updatedAt: now,
      history: [{ at: now, status: "new" }],
    };
    await this.records.set(report.ref, report);
    await this.storage.indexAdd("reports", report.ref, now);
    await this.indexOpen(report);
    return report;
  }

  /** The report with this reference, if any. */
  get(ref: string): Promise<Report | undefined> {
    return this.records.get(ref);
  }

  /** Saves changes to an existing report. */
  async save(report: Report): Promise<void> {
    await this.records.set(report.ref, report);
    await this.indexOpen(report);
  }

  /**
   * Keeps the index of open reports (new or in progress) scored by their last organiser action, so
   * the daily list of idle reports reads only those instead of every report ever filed.
   */
  private async indexOpen(report: Report): Promise<void> {
    if (report.status === "new" || report.status === "in_progress") {
      await this.storage.indexAdd("open", report.ref, report.lastOrganiserActionAt ?? report.createdAt);
    } else {
      await this.storage.indexRemove("open", report.ref);
    }
  }

  /** Open reports with no organiser action since `before`, longest idle first. */
  openIdleSince(before: number): Promise<string[]> {
    return this.storage.indexRange("open", 0, before);
  }

  /** References of all reports created between `from` and `to` (milliseconds), oldest first. */
  refsBetween(from: number, to: number, limit?: number): Promise<string[]> {
    return this.storage.indexRange("reports", from, to, limit);
  }

  /** Remembers which group message is the card of `ref`, so replies to it reach the resident. */
  async attachCard(ref: string, card: NonNullable<Report["card"]>): Promise<void> {
    await this.cardIndex.set(`${card.chatId}:${card.messageId}`, ref);
  }

  /** The report whose card (or a message under it) is `messageId` in `chatId`. */
  refForGroupMessage(chatId: number, messageId: number): Promise<string | undefined> {
    return this.cardIndex.get(`${chatId}:${messageId}`);
  }

  /** The existing sign-up of this resident or phone, so a second one updates it. */
  async findVolunteer(resident: ResidentRef, phone: string | undefined): Promise<string | undefined> {
    return (await this.volunteerIndex.get(`resident:${residentKey(resident)}`)) ?? (phone ? await this.volunteerIndex.get(`phone:${phone}`) : undefined);
  }

  /** Indexes a sign-up by resident and phone. */
  async indexVolunteer(ref: string, resident: ResidentRef, phone: string | undefined): Promise<void> {
    await this.volunteerIndex.set(`resident:${residentKey(resident)}`, ref);
    if (phone) await this.volunteerIndex.set(`phone:${phone}`, ref);
  }

  /** Remembers when a report was resolved (or forgets it, when it was reopened), for the follow-up. */
  async trackResolution(ref: string, resolvedAt: number | undefined): Promise<void> {
    if (resolvedAt === undefined) await this.storage.indexRemove("resolved", ref);
    else await this.storage.indexAdd("resolved", ref, resolvedAt);
  }

  /** References of reports resolved at or before `at`, oldest first, not yet followed up. */
  resolvedBefore(at: number, limit = 100): Promise<string[]> {
    return this.storage.indexRange("resolved", 0, at, limit);
  }

  /** Drops the phone index of a sign-up (after /forget). */
  async unindexPhone(phone: string): Promise<void> {
    await this.volunteerIndex.delete(`phone:${phone}`);
  }

  /** Forgets which sign-up is this resident's (/forget). */
  async unindexResident(resident: ResidentRef): Promise<void> {
    await this.volunteerIndex.delete(`resident:${residentKey(resident)}`);
  }
}
