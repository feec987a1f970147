import type { Collection, Storage } from "../../storage/storage.js";

/** A deep-link source name: what Telegram's `start` payload allows (A-Z a-z 0-9 _ -, up to 64). */
export const SOURCE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** True when `name` can be used as a deep-link source. */
export function isSourceName(name: string): boolean {
  return SOURCE_NAME.test(name);
}

/** The Telegram deep link that opens the bot with `source` as the start payload. */
export function telegramDeepLink(botUsername: string, source: string): string {
  return `https://t.me/${botUsername}?start=${source}`;
}

/** The Viber deep link that opens the bot's chat with `source` as the conversation context. */
export function viberDeepLink(chatUri: string, source: string): string {
  return `viber://pa?chatURI=${encodeURIComponent(chatUri)}&context=${encodeURIComponent(source)}`;
}

/** A link made with /link. */
export interface LinkRecord {
  readonly name: string;
  readonly createdAt: number;
  readonly createdBy: number;
}

/** The deep links organisers made, so statistics list every source, also unused ones. */
export class LinkRegistry {
  private readonly records: Collection<LinkRecord>;

  constructor(private readonly storage: Storage) {
    this.records = storage.collection<LinkRecord>("link");
  }

  /** Remembers a link (again: keeps the first time it was made). */
  async remember(name: string, by: number, now: number): Promise<void> {
    if (await this.records.get(name)) return;
    await this.records.set(name, { name, createdAt: now, createdBy: by });
    await this.storage.indexAdd("links", name, now);
  }

  /** Every link name, oldest first. */
  names(): Promise<string[]> {
    return this.storage.indexRange("links", 0, Number.MAX_SAFE_INTEGER);
  }
}
