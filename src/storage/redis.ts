import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@keyv/redis";
import type { Logger } from "../logger.js";
import { unwrap, wrap } from "./envelope.js";
import type { Collection, Storage } from "./storage.js";

/** Every key this storage writes starts with this, so Viche can share a Redis database. */
export const REDIS_KEY_PREFIX = "viche:";

const CONNECT_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 1_000;
const DEFAULT_WAIT_MS = 10_000;
/** A lock outlives a crashed holder by at most this long; a live holder renews it every third. */
const DEFAULT_LOCK_TTL_MS = 30_000;

/** Deletes the lock only when it still holds our token (another holder may have it by now). */
const RELEASE_SCRIPT = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;
/** Pushes the lock's expiry forward only while it still holds our token. */
const EXTEND_SCRIPT = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;

type RedisClient = ReturnType<typeof createClient>;

/** Tuning for `RedisStorage.connect`; the defaults suit production. */
export interface RedisStorageOptions {
  /** Told when the connection is lost and when it comes back (never the URL's password). */
  logger?: Logger;
  /** How long to wait for the first connection and for each reconnection attempt (default 5 s). */
  connectTimeoutMs?: number;
  /** Expiry of `withLock` locks, renewed while the task runs (default 30 s). */
  lockTtlMs?: number;
}

/**
 * `Storage` on Redis, shared by any number of processes, through one node-redis client (collections
 * in the same keys and form as keyv with `@keyv/redis`). Keys: `viche:kv:<namespace>:<id>`,
 * `viche:counter:<name>`, `viche:index:<name>`, `viche:claim:<key>`, `viche:lock:<key>`.
 *
 * While Redis is unreachable every operation fails at once (no offline queue) and the client keeps
 * reconnecting in the background with capped backoff; operations work again once it is back.
 */
export class RedisStorage implements Storage {
  /** Always "redis". */
  readonly kind = "redis" as const;
  readonly #client: RedisClient;
  readonly #target: string;
  readonly #logger: Logger | undefined;
  readonly #lockTtlMs: number;
  /** Locks whose release failed while Redis was down; released at the next lock taken, so their work does not wait for the TTL. */
  readonly #unreleased = new Map<string, string>();
  readonly #connectTimeoutMs: number;
  readonly #collections = new Map<string, Collection<unknown>>();
  /** True while connected; used to log a lost connection once rather than on every retry. */
  #up = false;
  #closed = false;
  #lastError: Error | undefined;

  private constructor(url: string, options: RedisStorageOptions) {
    this.#target = describeRedisUrl(url);
    this.#logger = options.logger;
    this.#lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    this.#client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: this.#connectTimeoutMs,
        reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) + Math.random() * 100,
      },
    });
    this.#client.on("error", (error: Error) => {
      this.#lastError = error;
      if (!this.#up) return;
      this.#up = false;
      this.#logger?.warn({ redis: this.#target, error: error.message }, "Redis connection lost; storage fails until it is back");
    });
    this.#client.on("ready", () => {
      if (this.#lastError) this.#logger?.info({ redis: this.#target }, "Redis connection established");
      this.#up = true;
    });
  }

  /**
   * Connects to `url` (`redis://[user:password@]host:port/db` or `rediss://` for TLS). Rejects when
   * no connection is made within the connect timeout, naming the host but not the password.
   */
  static async connect(url: string, options: RedisStorageOptions = {}): Promise<RedisStorage> {
    let storage: RedisStorage;
    try {
      storage = new RedisStorage(url, options);
    } catch (error) {
      // node-redis rejects e.g. a database path that is not a number; its messages omit the URL.
      throw new Error(`Invalid Redis URL (${(error as Error).message}); expected redis://[user:password@]host:6379/0`, { cause: error });
    }
    const client = storage.#client;
    const outcome = await Promise.race([
      client.connect().then(
        () => undefined,
        (error: Error) => error,
      ),
      sleep(storage.#connectTimeoutMs, "timeout" as const, { ref: false }),
    ]);
    if (outcome !== undefined) {
      if (client.isOpen) client.destroy(); // also ends node-redis's retry loop
      const cause = outcome instanceof Error ? outcome : storage.#lastError;
      const reason = cause ? ` (${cause.message})` : "";
      throw new Error(`Could not connect to Redis at ${storage.#target} within ${storage.#connectTimeoutMs} ms${reason}`);
    }
    return storage;
  }

  /**
   * A namespace stored under `viche:kv:<namespace>:`, cached. The namespace is URI-encoded there,
   * so that its own ":" cannot make two namespaces' keys collide. Keys and values are exactly what
   * keyv with `@keyv/redis` writes (keyv's envelope, see envelope.ts), read and written here with
   * one command each, without keyv's layers on the path.
   */
  collection<T>(namespace: string): Collection<T> {
    let collection = this.#collections.get(namespace);
    if (!collection) {
      const prefix = `${REDIS_KEY_PREFIX}kv:${encodeURIComponent(namespace)}:`;
      collection = {
        get: async (id) => {
          const text = await this.#open().get(prefix + id);
          if (text === null) return undefined;
          const stored = unwrap<T>(text);
          return stored === undefined || (stored.expires !== undefined && Date.now() > stored.expires) ? undefined : stored.value;
        },
        set: async (id, value, ttlMs) => {
          const client = this.#open();
          if (ttlMs === undefined) {
            await client.set(prefix + id, wrap(value));
            return;
          }
          const ttl = checkTtl(ttlMs);
          await client.set(prefix + id, wrap(value, Date.now() + ttl), { expiration: { type: "PX", value: ttl } });
        },
        delete: async (id) => (await this.#open().del(prefix + id)) > 0,
      };
      this.#collections.set(namespace, collection);
    }
    return collection as Collection<T>;
  }

  /** INCRBY: atomic across processes. `by` must be an integer. */
  async increment(counter: string, by = 1): Promise<number> {
    if (!Number.isSafeInteger(by)) throw new RangeError(`increment by must be an integer, got ${by}`);
    return this.#open().incrBy(`${REDIS_KEY_PREFIX}counter:${counter}`, by);
  }

  /** The counter's value, 0 when it was never incremented. */
  async readCounter(counter: string): Promise<number> {
    return Number((await this.#open().get(`${REDIS_KEY_PREFIX}counter:${counter}`)) ?? 0);
  }

  /** ZADD. */
  async indexAdd(index: string, member: string, score: number): Promise<void> {
    await this.#open().zAdd(`${REDIS_KEY_PREFIX}index:${index}`, { score, value: member });
  }

  /** ZREM; true when the member was there. */
  async indexRemove(index: string, member: string): Promise<boolean> {
    return (await this.#open().zRem(`${REDIS_KEY_PREFIX}index:${index}`, member)) > 0;
  }

  /** ZRANGEBYSCORE with LIMIT: by score, then member. */
  async indexRange(index: string, min: number, max: number, limit?: number): Promise<string[]> {
    const client = this.#open();
    const count = limit === undefined ? undefined : Math.max(0, Math.floor(limit));
    if (count === 0) return [];
    const options = count === undefined ? undefined : { LIMIT: { offset: 0, count } };
    return client.zRangeByScore(`${REDIS_KEY_PREFIX}index:${index}`, bound(min), bound(max), options);
  }

  /** ZSCORE. */
  async indexScore(index: string, member: string): Promise<number | undefined> {
    return (await this.#open().zScore(`${REDIS_KEY_PREFIX}index:${index}`, member)) ?? undefined;
  }

  /** ZCARD. */
  async indexSize(index: string): Promise<number> {
    return this.#open().zCard(`${REDIS_KEY_PREFIX}index:${index}`);
  }

  /** SET NX PX: true for exactly one caller across all processes until `ttlMs` passes. */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#open().set(`${REDIS_KEY_PREFIX}claim:${key}`, "1", {
      condition: "NX",
      expiration: { type: "PX", value: checkTtl(ttlMs) },
    });
    return reply === "OK";
  }

  /**
   * Takes the lock `viche:lock:<key>` (SET NX PX with a random token), retrying with short jittered
   * sleeps until `waitMs`; renews it while `task` runs and releases it with compare-and-delete. A
   * crashed holder's lock expires after the lock ttl. Throws at once when Redis is unreachable.
   */
  async withLock<T>(key: string, task: () => Promise<T>, waitMs = DEFAULT_WAIT_MS): Promise<T> {
    const client = this.#open();
    const lockKey = `${REDIS_KEY_PREFIX}lock:${key}`;
    const token = randomUUID();
    const ttl = this.#lockTtlMs;
    const deadline = Date.now() + waitMs;
    for (const [heldKey, heldToken] of this.#unreleased) {
      await client.eval(RELEASE_SCRIPT, { keys: [heldKey], arguments: [heldToken] });
      this.#unreleased.delete(heldKey);
    }
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const reply = await client.set(lockKey, token, { condition: "NX", expiration: { type: "PX", value: ttl } });
      if (reply === "OK") break;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${waitMs} ms waiting for lock "${key}"`);
      await sleep(Math.min(left, pause * (0.5 + Math.random())));
    }
    const renewal = setInterval(
      () => {
        client
          .eval(EXTEND_SCRIPT, { keys: [lockKey], arguments: [token, String(ttl)] })
          .then((extended) => {
            if (extended !== 1) this.#logger?.warn({ lock: key }, "Lost a Redis lock while its task was still running");
          })
          .catch((error: Error) => this.#logger?.warn({ lock: key, error: error.message }, "Could not renew a Redis lock"));
      },
      Math.max(1, Math.floor(ttl / 3)),
    );
    renewal.unref();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      // When Redis is down the lock simply expires; the task's own outcome matters more.
      await client.eval(RELEASE_SCRIPT, { keys: [lockKey], arguments: [token] }).catch((error: Error) => {
        this.#unreleased.set(lockKey, token);
        this.#logger?.debug({ lock: key, error: error.message }, "Could not release a Redis lock; released once Redis answers again");
      });
    }
  }

  /** Nothing to do: every Redis command is applied when it returns. */
  async flush(): Promise<void> {
    return undefined;
  }

  /** Redis keeps no deleted values in memory; its append-only file is rewritten by Redis itself (BGREWRITEAOF). */
  async compact(): Promise<void> {
    return undefined;
  }

  /** PING, answered within about a second; false when Redis is down or slow. Never throws. */
  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      const reply = await Promise.race([this.#client.ping(), sleep(PING_TIMEOUT_MS, "timeout", { ref: false })]);
      return reply === "PONG";
    } catch {
      return false;
    }
  }

  /** Closes the connection (waiting for commands in flight when Redis is reachable). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#collections.clear();
    if (!this.#client.isOpen) return;
    if (this.#client.isReady) await this.#client.close();
    else this.#client.destroy();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("RedisStorage is closed");
  }

  #open(): RedisClient {
    this.#assertOpen();
    return this.#client;
  }
}

/** `redis://host:port/db` without user name and password, for messages and logs. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? parsed.pathname : "";
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || "6379"}${db}`;
}

/** Redis spells infinite score bounds "+inf" and "-inf". */
function bound(score: number): number | string {
  if (score === Infinity) return "+inf";
  if (score === -Infinity) return "-inf";
  return score;
}

/** Ttls are whole positive milliseconds; anything else is a caller's mistake. */
function checkTtl(ttlMs: number): number {
  if (!(ttlMs > 0 && Number.isFinite(ttlMs))) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
