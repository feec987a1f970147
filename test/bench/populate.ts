/**
 * Fills storage with residents and their reports quickly, through Viche's own repositories
 * (ResidentRepository, ReportRepository), so the records are exactly what Viche writes. For SQLite
 * the writes go through a second connection to the same file with `synchronous = OFF` and one
 * transaction per batch (the same tables and statements as src/storage/sqlite.ts); for Redis the
 * real RedisStorage is used with many operations in flight.
 */
import BetterSqlite3 from "better-sqlite3";
import type { Database } from "better-sqlite3";
import { Keyv } from "keyv";
import { fileURLToPath } from "node:url";
import { createTranslator, type Translator } from "../../src/core/i18n.js";
import { mainMenuButtons } from "../../src/core/features/menu.js";
import { indexComplaint } from "../../src/core/organisers/similar.js";
import { ReportRepository, type Report, type ReportKind, type ReportStatus } from "../../src/core/reports/reports.js";
import { ResidentRepository } from "../../src/core/residents.js";
import { SqliteStorage } from "../../src/storage/sqlite.js";
import { SqliteKeyvStore } from "../../src/storage/sqlite-store.js";
import type { Collection, Storage } from "../../src/storage/storage.js";
import { random } from "./workload.js";

const DAY_MS = 24 * 3600 * 1000;
const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/** Where generated residents' reports come from: categories, places, words. */
const CATEGORIES = ["roads", "utilities", "medicine", "schools", "water", "lighting", "transport", "environment", "pensions", "authorities", "other"];
const PLACES = [
  "Коростишів",
  "Бердичів",
  "Новоград-Волинський",
  "Малин",
  "Овруч",
  "Радомишль",
  "Баранівка",
  "Черняхів",
  "Коростень",
  "Андрушівка",
  "Чуднів",
  "Ємільчине",
  "Олевськ",
  "Лугини",
  "Народичі",
  "Попільня",
  "Брусилів",
  "Хорошів",
  "Пулини",
  "Ружин",
  "Любар",
  "Романів",
  "Житомир",
  "Оліївка",
  "Станишівка",
  "Тетерівка",
  "Глибочиця",
  "Вільськ",
  "Озерне",
  "Іршанськ",
  "Довбиш",
  "Миропіль",
  "Червоне",
  "Гришківці",
];
const WORDS = [
  "дорога",
  "яма",
  "ліхтар",
  "вода",
  "труба",
  "автобус",
  "школа",
  "лікарня",
  "сміття",
  "тариф",
  "дах",
  "міст",
  "тротуар",
  "зупинка",
  "світло",
  "опалення",
  "колодязь",
  "аптека",
  "пенсія",
  "довідка",
  "черга",
  "рейс",
  "паркан",
  "сквер",
  "дитячий",
  "майданчик",
  "каналізація",
  "газ",
  "термін",
  "ремонт",
  "тиждень",
  "місяць",
  "відповідь",
  "громада",
  "староста",
  "вулиця",
  "будинок",
  "під'їзд",
  "двір",
  "люди",
  "діти",
];
const STATUSES: ReadonlyArray<[ReportStatus, number]> = [
  ["new", 0.4],
  ["in_progress", 0.2],
  ["resolved", 0.3],
  ["rejected", 0.1],
];

/** What to generate. */
export interface PopulationOptions {
  readonly count: number;
  /** Telegram ids are base, base+1, ... */
  readonly base: number;
  readonly seed: number;
  readonly now: number;
  /** Reports are created evenly over this many days before `now` (default 60). */
  readonly reportDays?: number;
}

function sentence(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)] ?? "").join(" ");
}

/**
 * Writes one resident with one report (80 % complaints, 10 % questions, 10 % sign-ups), as Viche
 * would have stored them after the resident filed it and organisers worked on it.
 */
async function addResident(
  storage: Storage,
  residents: ResidentRepository,
  reports: ReportRepository,
  translator: Translator,
  rand: () => number,
  i: number,
  options: PopulationOptions,
): Promise<void> {
  const locale = rand() < 0.9 ? "uk" : "en";
  const ref = { channel: "telegram" as const, id: String(options.base + i) };
  const createdAt = Math.floor(options.now - rand() * (options.reportDays ?? 60) * DAY_MS);
  const firstSeenAt = createdAt - Math.floor(rand() * 30 * DAY_MS);
  const { resident } = await residents.getOrCreate(ref, { locale, now: firstSeenAt });
  const place = PLACES[Math.floor(rand() * PLACES.length)] ?? "Малин";
  const consented = rand() < 0.3;
  const phone = `+38067${String(1_000_000 + i).slice(-7)}`;
  const roll = rand();
  const kind: ReportKind = roll < 0.8 ? "complaint" : roll < 0.9 ? "question" : "volunteer";
  const report = await reports.create(
    {
      kind,
      resident: ref,
      ...(kind === "question" ? {} : { settlement: place }),
      ...(kind === "complaint" ? { category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)] ?? "other" } : {}),
      ...(kind === "volunteer" ? { ways: ["door", "events"], availability: "weekends" } : { text: `${sentence(rand, 8 + Math.floor(rand() * 20))}.` }),
      photos: [],
      ...(consented || kind === "volunteer" ? { contact: { phone, name: `Мешканець ${i}` } } : {}),
    },
    createdAt,
  );
  await indexComplaint(storage, report); // as Core.fileReport does
  let status: ReportStatus = "new";
  let acc = rand();
  for (const [candidate, share] of STATUSES) {
    acc -= share;
    if (acc < 0) {
      status = candidate;
      break;
    }
  }
  const stored: Report = { ...report, status, card: { chatId: -1001234567890, messageId: 100 + i } };
  if (status !== "new") {
    const at = createdAt + Math.floor(rand() * 3 * DAY_MS);
    stored.history.push({ at, status, by: 7001, ...(rand() < 0.3 ? { comment: sentence(rand, 6) } : {}) });
    stored.lastOrganiserActionAt = at;
    stored.updatedAt = at;
  }
  await reports.save(stored);
  await reports.attachCard(stored.ref, { chatId: -1001234567890, messageId: 100 + i });
  if (kind === "volunteer") await reports.indexVolunteer(stored.ref, ref, phone);
  resident.lastSeenAt = createdAt + Math.floor(rand() * DAY_MS);
  resident.reports.push(stored.ref);
  if (kind !== "question") resident.lastSettlement = place;
  if (consented || kind === "volunteer") {
    resident.phone = phone;
    resident.name = `Мешканець ${i}`;
    resident.consentAt = createdAt;
  }
  // What every resident has after any answer with the main menu: the buttons they last saw.
  const t = (key: string) => translator.t(locale, key);
  resident.lastButtons = mainMenuButtons(t)
    .flat()
    .map((button) => ({ label: button.label, data: button.data }));
  await residents.save(resident);
}

/** Writes `count` residents with a report each into `storage`, `parallel` at a time. */
export async function populate(storage: Storage, options: PopulationOptions, parallel = 1, onBatch?: (done: number) => void | Promise<void>): Promise<void> {
  const translator = createTranslator(LOCALES_DIR);
  const residents = new ResidentRepository(storage);
  const reports = new ReportRepository(storage);
  const rand = random(options.seed);
  for (let start = 0; start < options.count; start += parallel) {
    const batch: Array<Promise<void>> = [];
    for (let i = start; i < Math.min(options.count, start + parallel); i += 1)
      batch.push(addResident(storage, residents, reports, translator, rand, i, options));
    await Promise.all(batch);
    if (onBatch && (start + parallel) % 1000 < parallel) await onBatch(Math.min(options.count, start + parallel));
  }
}

/**
 * The subset of Storage the repositories use, over a fast-writing connection to a SQLite file
 * that SqliteStorage created (same tables, same statements as src/storage/sqlite.ts).
 */
class BulkSqliteStorage implements Storage {
  readonly kind = "sqlite" as const;
  readonly #collections = new Map<string, Collection<unknown>>();
  readonly #increment;
  readonly #indexAdd;
  readonly #indexRemove;

  constructor(readonly db: Database) {
    this.#increment = db.prepare<[string, number], { value: number }>(
      `INSERT INTO counters (name, value) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`,
    );
    this.#indexAdd = db.prepare<[string, string, number]>(
      `INSERT INTO indexes (name, member, score) VALUES (?, ?, ?)
       ON CONFLICT (name, member) DO UPDATE SET score = excluded.score`,
    );
    this.#indexRemove = db.prepare<[string, string]>("DELETE FROM indexes WHERE name = ? AND member = ?");
  }

  collection<T>(namespace: string): Collection<T> {
    let collection = this.#collections.get(namespace);
    if (!collection) {
      const keyv = new Keyv<unknown>({ store: new SqliteKeyvStore(this.db), namespace, useKeyPrefix: false, throwOnErrors: true });
      collection = {
        get: (id) => keyv.get(id),
        set: async (id, value, ttlMs) => {
          await keyv.set(id, value, ttlMs);
        },
        delete: (id) => keyv.delete(id),
      };
      this.#collections.set(namespace, collection);
    }
    return collection as Collection<T>;
  }

  async increment(counter: string, by = 1): Promise<number> {
    return this.#increment.get(counter, by)?.value ?? 0;
  }

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    this.#indexAdd.run(index, member, score);
  }

  readCounter(): Promise<number> {
    throw new Error("not used when populating");
  }
  async indexRemove(index: string, member: string): Promise<boolean> {
    return this.#indexRemove.run(index, member).changes > 0;
  }
  indexRange(): Promise<string[]> {
    throw new Error("not used when populating");
  }
  indexScore(): Promise<number | undefined> {
    throw new Error("not used when populating");
  }
  indexSize(): Promise<number> {
    throw new Error("not used when populating");
  }
  claim(): Promise<boolean> {
    throw new Error("not used when populating");
  }
  withLock<T>(_key: string, task: () => Promise<T>): Promise<T> {
    return task();
  }
  async flush(): Promise<void> {
    return undefined;
  }

  async compact(): Promise<void> {
    return undefined;
  }

  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}
}

/** Creates (or extends) the SQLite file at `path` with a population, quickly. */
export async function populateSqlite(path: string, options: PopulationOptions): Promise<void> {
  await new SqliteStorage(path).close(); // creates the file, tables and indexes exactly as Viche does
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  try {
    db.exec("BEGIN");
    await populate(new BulkSqliteStorage(db), options, 1, () => {
      db.exec("COMMIT");
      db.exec("BEGIN");
    });
    db.exec("COMMIT");
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

/** Bytes of a SQLite file and how they split by table and by keyv namespace. */
export interface SqliteFootprint {
  readonly fileBytes: number;
  readonly pageSize: number;
  /** Physical bytes per b-tree (dbstat), when SQLite was built with it. */
  readonly tables: Record<string, number>;
  /** Rows and logical bytes (key + value) per keyv namespace. */
  readonly namespaces: Record<string, { rows: number; bytes: number }>;
  /** Rows per ordered index (indexes table). */
  readonly indexes: Record<string, number>;
}

/** Measures a SQLite file after checkpointing its WAL. */
export function sqliteFootprint(path: string): SqliteFootprint {
  const db = new BetterSqlite3(path);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
    const pageSize = Number(db.pragma("page_size", { simple: true }));
    const pageCount = Number(db.pragma("page_count", { simple: true }));
    const freePages = Number(db.pragma("freelist_count", { simple: true }));
    const tables: Record<string, number> = {};
    try {
      for (const row of db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as Array<{ name: string; bytes: number }>)
        tables[row.name] = row.bytes;
    } catch {
      // dbstat is not compiled in: only the file size is known
    }
    const namespaces: Record<string, { rows: number; bytes: number }> = {};
    for (const row of db.prepare("SELECT namespace, count(*) AS rows, sum(length(key) + length(value)) AS bytes FROM keyv GROUP BY namespace").all() as Array<{
      namespace: string;
      rows: number;
      bytes: number;
    }>) {
      namespaces[row.namespace] = { rows: row.rows, bytes: row.bytes };
    }
    const indexes: Record<string, number> = {};
    for (const row of db.prepare("SELECT name, count(*) AS rows FROM indexes GROUP BY name").all() as Array<{ name: string; rows: number }>) {
      if (row.rows >= 10) indexes[row.name] = row.rows;
    }
    return { fileBytes: (pageCount - freePages) * pageSize, pageSize, tables, namespaces, indexes };
  } finally {
    db.close();
  }
}

/** Redis memory per resident with one report: INFO used_memory before and after populating a fresh server. */
export async function redisFootprint(
  url: string,
  count: number,
): Promise<{ residents: number; usedMemoryBytes: number; bytesPerResidentWithReport: number; residentKeyBytes: number; reportKeyBytes: number }> {
  const { createClient } = await import("@keyv/redis");
  const { RedisStorage } = await import("../../src/storage/redis.js");
  const client = createClient({ url });
  await client.connect();
  const used = async () => Number(/used_memory:(\d+)/.exec(await client.info("memory"))?.[1] ?? 0);
  const storage = await RedisStorage.connect(url);
  try {
    const before = await used();
    await populate(storage, { count, base: 30_000_000, seed: 7, now: Date.now() }, 200);
    const after = await used();
    const sample = async (pattern: string) => {
      const keys = await client.keys(pattern);
      let total = 0;
      let n = 0;
      for (const key of keys.slice(0, 200)) {
        total += (await client.memoryUsage(key)) ?? 0;
        n += 1;
      }
      return n > 0 ? total / n : 0;
    };
    return {
      residents: count,
      usedMemoryBytes: after - before,
      bytesPerResidentWithReport: (after - before) / count,
      residentKeyBytes: await sample("viche:kv:resident:*"),
      reportKeyBytes: await sample("viche:kv:report:*"),
    };
  } finally {
    await storage.close();
    await client.close();
  }
}
