import { randomUUID } from "node:crypto";
import type { Collection, Storage } from "../storage/storage.js";

/** Prefix of photo ids that refer to bytes kept by Viche (rather than a Telegram file_id). */
export const MEDIA_PREFIX = "media:";

/** How long fetched pictures are kept: long enough for the card to reach the group after an outage. */
const MEDIA_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Pictures Viche had to fetch itself (Viber's media URLs expire), stored until the card that shows
 * them has been delivered. Telegram photos need none of this: their file_id stays valid.
 */
export class MediaStore {
  private readonly files: Collection<{ mime: string; base64: string }>;

  constructor(storage: Storage) {
    this.files = storage.collection("media");
  }

  /** Keeps `bytes` and returns the photo id to put in a PhotoRef. */
  async put(bytes: Uint8Array, mime: string): Promise<string> {
    const id = randomUUID();
    await this.files.set(id, { mime, base64: Buffer.from(bytes).toString("base64") }, MEDIA_TTL_MS);
    return `${MEDIA_PREFIX}${id}`;
  }

  /** Deletes the bytes behind a photo id from {@link put} (/forget); other ids are left alone. */
  async delete(photoId: string): Promise<void> {
    if (photoId.startsWith(MEDIA_PREFIX)) await this.files.delete(photoId.slice(MEDIA_PREFIX.length));
  }

  /** The bytes behind a photo id from {@link put}, or undefined when it expired. */
  async get(photoId: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
    if (!photoId.startsWith(MEDIA_PREFIX)) return undefined;
    const file = await this.files.get(photoId.slice(MEDIA_PREFIX.length));
    return file ? { mime: file.mime, bytes: Buffer.from(file.base64, "base64") } : undefined;
  }
}
