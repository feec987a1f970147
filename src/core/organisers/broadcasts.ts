import type { Logger } from "pino";
import type { Collection, Storage } from "../../storage/storage.js";
import type { Translator } from "../i18n.js";
import { menuRow } from "../features/menu.js";
import type { Outbox } from "../outbox/outbox.js";
import type { Resident, ResidentRepository } from "../residents.js";
import { parseResidentKey, residentKey, type Locale, type PhotoRef } from "../types.js";
import { optOutButton } from "../features/news.js";
import { BroadcastTally, type BroadcastCounts } from "./broadcast-tally.js";
import { audienceTest, type Audience, type AudiencePlaces } from "./audience.js";
import { DAY_MS } from "./time.js";

export type { Audience } from "./audience.js";
export type { BroadcastCounts } from "./broadcast-tally.js";

/** What an organiser composed. */
export interface BroadcastDraft {
  readonly text: string;
  /** A Telegram file_id (Viber residents get the text only: Viber takes pictures by public URL). */
  readonly photo?: PhotoRef;
  readonly audience: Audience;
}

/** Who a broadcast would reach, shown to the organiser before they confirm. */
export interface AudiencePreview {
  /** Residents who will be sent the message. */
  readonly recipients: number;
  readonly telegram: number;
  readonly viber: number;
  /** Residents in the audience who opted out (/stop or the button): not sent. */
  readonly optedOut: number;
  /** Residents in the audience who blocked the bot or unsubscribed: not sent. */
  readonly unreachable: number;
  /** Viber recipients whose last message is older than 24 hours: Viber bills these messages. */
  readonly viberPaid: number;
}

/** A broadcast as stored: the message, its frozen audience (in chunks) and how far sending got. */
export interface BroadcastRecord {
  readonly id: string;
  readonly text: string;
  readonly photo?: PhotoRef;
  readonly audience: Audience;
  readonly createdBy: number;
  readonly createdAt: number;
  state: "sending" | "done";
  /** Audience chunks stored, and the next one to enqueue. */
  readonly chunks: number;
  cursor: number;
  /** Residents in the frozen audience (those who had opted out or left at the start are not in it). */
  readonly total: number;
  readonly optedOutAtStart: number;
  /** The last progress quarter reported to the group (0-3). */
  reportedQuarter: number;
}

/** Residents per stored audience chunk. */
const CHUNK = 100;
/** At most this many of one broadcast's messages wait in the outbox at a time. */
const WINDOW = 100;
const ACTIVE = "broadcasts:active";

/** Dependencies of {@link Broadcasts}. */
export interface BroadcastsOptions {
  readonly storage: Storage;
  readonly residents: ResidentRepository;
  readonly outbox: Outbox;
  readonly translator: Translator;
  readonly defaultLocale: Locale;
  /** The oblast's places: a broadcast to a settlement, hromada or raion matches residents by code. */
  readonly places: AudiencePlaces;
  readonly logger: Logger;
  readonly wake: () => void;
  /** The real clock, for stamping deliveries (the `now` passed to each method decides what is due). */
  readonly clock: () => number;
}

/**
 * Broadcasts from organisers to residents. The audience is frozen when the organiser confirms; then
 * {@link step} puts it into the outbox a chunk at a time (never more than a window ahead of
 * delivery, so the outbox paces it at the platforms' limits) and tells the group how it goes.
 * Each resident is claimed before their message is queued, so a restart half-way, or a second
 * process, resumes where it stopped and never queues one resident twice. Residents who opted out
 * are skipped, also when they opt out while the broadcast is under way. What each message came to
 * is counted by {@link BroadcastTally}, whose outbox hooks it inherits.
 */
export class Broadcasts extends BroadcastTally {
  private readonly records: Collection<BroadcastRecord>;
  private readonly audiences: Collection<string[]>;

  constructor(private readonly options: BroadcastsOptions) {
    super(options.storage, options.residents);
    this.records = options.storage.collection<BroadcastRecord>("broadcast");
    this.audiences = options.storage.collection<string[]>("broadcast-audience");
  }

  /** How many broadcasts are being sent right now. */
  inProgress(): Promise<number> {
    return this.options.storage.indexSize(ACTIVE);
  }

  /** The broadcast with this id (`B-3`). */
  get(id: string): Promise<BroadcastRecord | undefined> {
    return this.records.get(id);
  }

  private async eachInAudience(audience: Audience, visit: (resident: Resident) => void): Promise<void> {
    const matches = audienceTest(this.options.places);
    for (const key of await this.options.residents.allKeys()) {
      const ref = parseResidentKey(key);
      const resident = ref ? await this.options.residents.get(ref) : undefined;
      if (resident && matches(resident, audience)) visit(resident);
    }
  }

  /** Counts who an audience reaches right now, including how many Viber messages would be paid. */
  async preview(audience: Audience, now: number): Promise<AudiencePreview> {
    const counts = { recipients: 0, telegram: 0, viber: 0, optedOut: 0, unreachable: 0, viberPaid: 0 };
    await this.eachInAudience(audience, (resident) => {
      if (resident.optedOut) counts.optedOut += 1;
      else if (resident.unsubscribed) counts.unreachable += 1;
      else {
        counts.recipients += 1;
        counts[resident.channel] += 1;
        if (resident.channel === "viber" && resident.lastSeenAt < now - DAY_MS) counts.viberPaid += 1;
      }
    });
    return counts;
  }

  /** Freezes the audience and starts sending; {@link step} does the rest. */
  async create(draft: BroadcastDraft, by: number, now: number): Promise<BroadcastRecord> {
    const id = `B-${await this.options.storage.increment("broadcast:seq")}`;
    const keys: string[] = [];
    let optedOut = 0;
    let unreachable = 0;
    await this.eachInAudience(draft.audience, (resident) => {
      if (resident.optedOut) optedOut += 1;
      else if (resident.unsubscribed) unreachable += 1;
      else keys.push(residentKey(resident));
    });
    let chunks = 0;
    for (let at = 0; at < keys.length; at += CHUNK) {
      await this.audiences.set(`${id}:${chunks}`, keys.slice(at, at + CHUNK));
      chunks += 1;
    }
    const record: BroadcastRecord = {
      id,
      text: draft.text,
      ...(draft.photo ? { photo: draft.photo } : {}),
      audience: draft.audience,
      createdBy: by,
      createdAt: now,
      state: "sending",
      chunks,
      cursor: 0,
      total: keys.length,
      optedOutAtStart: optedOut,
      reportedQuarter: 0,
    };
    await this.records.set(id, record);
    // Who had opted out or left by now is counted at once: the final count adds up to the audience.
    if (optedOut > 0) await this.options.storage.increment(`broadcast:${id}:optedout`, optedOut);
    if (unreachable > 0) await this.options.storage.increment(`broadcast:${id}:failed`, unreachable);
    await this.options.storage.indexAdd(ACTIVE, id, now);
    this.options.logger.info({ broadcast: id, organiser: by, recipients: keys.length, audience: draft.audience.kind }, "broadcast created");
    return record;
  }

  /**
   * Moves every broadcast under way forward: queues the next chunk of its audience when the
   * previous ones have mostly gone out, posts progress (each quarter) and the final count to the
   * group. Safe to call at any time and from several processes. (`_now` is kept for the workers'
   * common signature; what is due here follows from the outbox, not the clock.)
   */
  async step(_now: number): Promise<void> {
    const { storage } = this.options;
    for (const id of await storage.indexRange(ACTIVE, 0, Number.MAX_SAFE_INTEGER, 20)) {
      const record = await this.records.get(id);
      if (!record || record.state !== "sending") {
        await storage.indexRemove(ACTIVE, id);
        continue;
      }
      const advance = async () => {
        try {
          await this.advance(record.id);
        } catch (error) {
          this.options.logger.warn({ err: error, broadcast: id }, "broadcast: could not move forward, will try again");
        }
      };
      // Held by another process: that one is moving this broadcast forward right now.
      await storage.withLock(`broadcast:${id}`, advance, 0).catch(() => undefined);
    }
  }

  private async advance(id: string): Promise<void> {
    const record = await this.records.get(id);
    if (!record || record.state !== "sending") return;
    let counts = await this.counts(id);
    while (record.cursor < record.chunks && counts.enqueued - counts.settled < WINDOW) {
      await this.enqueueChunk(record, record.cursor);
      record.cursor += 1;
      await this.records.set(id, record);
      counts = await this.counts(id);
    }
    await this.report(record, counts);
  }

  private async enqueueChunk(record: BroadcastRecord, chunk: number): Promise<void> {
    const { storage, residents, outbox, translator, defaultLocale } = this.options;
    const keys = (await this.audiences.get(`${record.id}:${chunk}`)) ?? [];
    for (const key of keys) {
      // Claimed first: whatever happens next, this resident is never queued twice.
      if (!(await storage.claim(`broadcast:${record.id}:${key}`, 90 * DAY_MS))) continue;
      const ref = parseResidentKey(key);
      const resident = ref ? await residents.get(ref) : undefined;
      if (!resident || resident.unsubscribed || resident.banned || resident.optedOut) {
        await storage.increment(`broadcast:${record.id}:${resident?.optedOut ? "optedout" : "failed"}`);
        await storage.increment(`broadcast:${record.id}:skipped`);
        continue;
      }
      const t = (name: string) => translator.t(resident.locale ?? defaultLocale, name);
      await storage.increment(`broadcast:${record.id}:enqueued`);
      await outbox.enqueue(
        {
          type: "resident",
          resident: { channel: resident.channel, id: resident.id },
          purpose: "broadcast",
          broadcast: record.id,
          messages: [{ text: record.text, ...(record.photo ? { photo: record.photo } : {}), buttons: [[optOutButton(t)], menuRow(t)] }],
        },
        this.options.clock(),
      );
    }
    this.options.wake();
  }

  private async report(record: BroadcastRecord, counts: BroadcastCounts): Promise<void> {
    const { storage, outbox } = this.options;
    const done = counts.settled + counts.skipped;
    if (record.cursor >= record.chunks && counts.settled >= counts.enqueued) {
      record.state = "done";
      await this.records.set(record.id, record);
      await storage.indexRemove(ACTIVE, record.id);
      if (await storage.claim(`broadcast:${record.id}:finished`, 365 * DAY_MS)) {
        await outbox.enqueue(
          {
            type: "group-note",
            key: "group-broadcast-done",
            args: { id: record.id, sent: counts.sent, failed: counts.failed, optedOut: counts.optedOut, unknown: counts.unknown },
          },
          this.options.clock(),
        );
        this.options.wake();
        this.options.logger.info(
          { broadcast: record.id, sent: counts.sent, failed: counts.failed, optedOut: counts.optedOut, unknown: counts.unknown },
          "broadcast finished",
        );
      }
      return;
    }
    if (record.total < 40) return;
    const quarter = Math.min(3, Math.floor((done / record.total) * 4));
    if (quarter > record.reportedQuarter) {
      record.reportedQuarter = quarter;
      await this.records.set(record.id, record);
      if (await storage.claim(`broadcast:${record.id}:quarter:${quarter}`, 365 * DAY_MS)) {
        await outbox.enqueue(
          { type: "group-note", key: "group-broadcast-progress", args: { id: record.id, percent: quarter * 25, sent: counts.sent, total: record.total } },
          this.options.clock(),
        );
        this.options.wake();
      }
    }
  }
}
