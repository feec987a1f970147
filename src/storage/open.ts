import type { Logger } from "../logger.js";
import type { Storage } from "./storage.js";

const ACCEPTED_FORMS =
  "sqlite://./data/bot.sqlite (relative path), sqlite:///absolute/path.sqlite, sqlite://:memory:, " + "redis://[user:password@]host:6379/0 or rediss://… (TLS)";

/** Optional collaborators for `openStorage`. */
export interface OpenStorageOptions {
  /** Receives Redis connection loss and recovery messages. */
  logger?: Logger;
}

/**
 * Opens the storage named by STORAGE_URL: `sqlite://<path>` or `redis://` / `rediss://`. Each
 * backend is loaded only when used. Throws an Error naming STORAGE_URL and the accepted forms for
 * anything else; error messages never repeat the URL itself, which may hold a password.
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<Storage> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "sqlite") {
    const path = url.slice("sqlite://".length);
    if (path === "") throw new Error(`STORAGE_URL "sqlite://" has no file path; use one of: ${ACCEPTED_FORMS}`);
    const { SqliteStorage } = await import("./sqlite.js");
    return new SqliteStorage(path);
  }
  if (scheme === "redis" || scheme === "rediss") {
    if (!URL.canParse(url)) throw new Error(`STORAGE_URL is not a valid ${scheme}:// URL; use one of: ${ACCEPTED_FORMS}`);
    const { RedisStorage } = await import("./redis.js");
    return RedisStorage.connect(url, { logger: options.logger });
  }
  const shown = scheme ? `"${scheme}://"` : "a URL without a scheme";
  throw new Error(`STORAGE_URL uses ${shown}, which is not supported; use one of: ${ACCEPTED_FORMS}`);
}
