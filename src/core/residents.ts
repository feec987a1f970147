import type { Collection, Storage } from "../storage/storage.js";
import { residentKey, type Channel, type Locale, type ResidentRef } from "./types.js";

/** What Viche keeps about one resident. Personal fields are present only with consent. */
export interface Resident {
  readonly channel: Channel;
  readonly id: string;
  locale: Locale;
  /** Whether the resident chose the language (otherwise it follows the messenger's). */
  localeChosen: boolean;
  /** The deep-link payload they first came from (a flyer, a village, an event). */
  source?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /** The last settlement they typed, offered as a button next time. */
  lastSettlement?: string;
  /** The КАТОТТГ code of {@link lastSettlement}, when it was a listed place. */
  lastSettlementCode?: string;
  /** Name and phone, kept only after explicit consent. */
  name?: string;
  phone?: string;
  consentAt?: number;
  /** The messenger told us they left or blocked the bot: send nothing until they return. */
  unsubscribed?: boolean;
  /** Organisers banned this resident; their messages are ignored. */
  banned?: boolean;
  /** No broadcasts for this resident. */
  optedOut?: boolean;
  /** References of their reports, newest last. */
  reports: string[];
  /** The buttons shown last, so that typing a button's label works like pressing it. */
  lastButtons?: { label: string; data: string }[];
  /** The button that opened the screen they are reading (a programme section or item, the menu), for "back" out of a form. */
  lastScreen?: string;
}

const INDEX = "residents";

/** Reads and writes residents. One record per messenger account. */
export class ResidentRepository {
  private readonly records: Collection<Resident>;

  constructor(private readonly storage: Storage) {
    this.records = storage.collection<Resident>("resident");
  }

  /** The resident, or undefined for someone who never wrote. */
  get(ref: ResidentRef): Promise<Resident | undefined> {
    return this.records.get(residentKey(ref));
  }

  /** The resident, created with defaults on first contact. */
  async getOrCreate(ref: ResidentRef, defaults: { locale: Locale; now: number }): Promise<{ resident: Resident; created: boolean }> {
    const existing = await this.get(ref);
    if (existing) return { resident: existing, created: false };
    const resident: Resident = {
      channel: ref.channel,
      id: ref.id,
      locale: defaults.locale,
      localeChosen: false,
      firstSeenAt: defaults.now,
      lastSeenAt: defaults.now,
      reports: [],
    };
    await this.save(resident);
    await this.storage.indexAdd(INDEX, residentKey(resident), resident.firstSeenAt);
    return { resident, created: true };
  }

  /** Stores the resident. */
  async save(resident: Resident): Promise<void> {
    await this.records.set(residentKey(resident), resident);
  }

  /** Every resident key, oldest first. */
  allKeys(limit = Number.MAX_SAFE_INTEGER): Promise<string[]> {
    return this.storage.indexRange(INDEX, 0, Number.MAX_SAFE_INTEGER, limit);
  }

  /** Keys of residents first seen between `from` and `to` (milliseconds), oldest first. */
  keysFirstSeenBetween(from: number, to: number): Promise<string[]> {
    return this.storage.indexRange(INDEX, from, to);
  }

  /** How many residents have ever written. */
  count(): Promise<number> {
    return this.storage.indexSize(INDEX);
  }
}
