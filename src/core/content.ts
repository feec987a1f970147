import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { programmeSchema, type Programme } from "./programme/programme.js";
import { vocabularySchema, type Vocabulary } from "./programme/search.js";
import { gazetteerSchema, renamingsSchema, type Gazetteer, type Renamings } from "./places/gazetteer.js";
import { faqSchema, type Faq } from "./intents/faq.js";
import { LOCALES, type Locale } from "./types.js";

/** A КАТОТТГ code, as routing keys that name a hromada or raion are written. */
const PLACE_CODE = /^UA\d{17}$/;
const localised = z.object({ uk: z.string().min(1).max(60), en: z.string().min(1).max(60) });
const option = z.object({ id: z.string().regex(/^[a-z0-9-]{1,20}$/, "1-20 lowercase letters, digits or dashes"), label: localised });

/** The organisation's own words: name, contacts and the choices residents pick from. */
export const organisationSchema = z
  .object({
    name: z.object({ uk: z.string().min(1), en: z.string().min(1) }),
    contacts: z.object({ uk: z.string().min(1), en: z.string().min(1) }),
    /** Times on cards and in statistics are shown in this zone. */
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "an IANA time zone such as Europe/Kyiv"),
    complaintCategories: z.array(option).min(2).max(20),
    waysToHelp: z.array(option).min(1).max(12),
    availability: z.array(option).min(1).max(8),
    /**
     * Where cards of a complaint category, or of a hromada or raion (its code from places.json), go
     * instead of the organisers' group: another group (`chatId`, a number like -1001234567890, with
     * the bot in it), a forum topic (`threadId`), or both. A hromada's route wins over its raion's,
     * and both over the category's.
     */
    routing: z
      .record(
        z.string(),
        z
          .object({ chatId: z.number().int().optional(), threadId: z.number().int().positive().optional() })
          .strict()
          .refine((route) => route.chatId !== undefined || route.threadId !== undefined, "give chatId, threadId or both"),
      )
      .default({}),
    /** Days after which a resolved complaint's resident is asked "is it really solved?", and idle reports are flagged. */
    followUp: z
      .object({
        askAfterResolvedDays: z.number().int().min(1).max(90).default(7),
        flagIdleAfterDays: z.number().int().min(1).max(60).default(3),
      })
      .default({ askAfterResolvedDays: 7, flagIdleAfterDays: 3 }),
  })
  .superRefine((organisation, issues) => {
    for (const key of Object.keys(organisation.routing)) {
      if (!PLACE_CODE.test(key) && !organisation.complaintCategories.some((option) => option.id === key)) {
        issues.addIssue({ code: "custom", path: ["routing", key], message: "not a complaint category id, nor a hromada or raion code" });
      }
    }
  });

/** A parsed organisation.json. */
export type Organisation = z.infer<typeof organisationSchema>;
/** A category, way to help or availability option. */
export type ContentOption = Organisation["complaintCategories"][number];

/** Everything an operator can replace without touching code. */
export interface Content {
  readonly organisation: Organisation;
  readonly programmes: Readonly<Record<Locale, Programme>>;
  readonly vocabulary: Vocabulary;
  /** The oblast's settlements, hromadas and raions (`places.json`, КАТОТТГ codes). */
  readonly places: Gazetteer;
  /** Former names of settlements residents still use (`place-renamings.json`, optional). */
  readonly renamings: Renamings;
  /** The organisation's FAQ and small talk, answered before the programme. */
  readonly faq: Faq;
}

/** A content file that is missing or wrong, naming the file and the field. */
export class ContentError extends Error {
  override readonly name = "ContentError";
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ContentError(`Content file ${file} is missing.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContentError(`Content file ${file} is not valid JSON: ${(error as Error).message}.`);
  }
}

function parseWith<T>(file: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : "(top level)";
  throw new ContentError(`Content file ${file}: field ${field}: ${issue?.message ?? "invalid"}.`);
}

function itemIds(programme: Programme): string[] {
  return programme.sections.flatMap((section) => [`section:${section.id}`, ...section.items.map((item) => item.id)]);
}

/**
 * Loads and validates the content directory (`organisation.json`, `programme.<locale>.json`,
 * `vocabulary.json`, `faq.json`, `places.json`, optionally `place-renamings.json`). Every language's programme must have the same sections and items; the
 * vocabulary may only name existing items. Throws a {@link ContentError} naming file and field.
 */
export function loadContent(dir: string): Content {
  const organisationFile = join(dir, "organisation.json");
  const organisation = parseWith(organisationFile, organisationSchema, readJson(organisationFile));
  const programmes = {} as Record<Locale, Programme>;
  for (const locale of LOCALES) {
    const file = join(dir, `programme.${locale}.json`);
    programmes[locale] = parseWith(file, programmeSchema, readJson(file));
  }
  const reference = itemIds(programmes.uk);
  for (const locale of LOCALES) {
    const ids = itemIds(programmes[locale]);
    const missing = reference.find((id) => !ids.includes(id)) ?? ids.find((id) => !reference.includes(id));
    if (missing) {
      throw new ContentError(
        `Content file ${join(dir, `programme.${locale}.json`)}: ${missing} does not match programme.uk.json (every language needs the same section and item ids).`,
      );
    }
  }
  const vocabularyFile = join(dir, "vocabulary.json");
  const vocabulary = parseWith(vocabularyFile, vocabularySchema, readJson(vocabularyFile));
  for (const id of Object.keys(vocabulary)) {
    if (!reference.includes(id)) throw new ContentError(`Content file ${vocabularyFile}: field ${id}: no programme item has this id.`);
  }
  const placesFile = join(dir, "places.json");
  const places = parseWith(placesFile, gazetteerSchema, readJson(placesFile));
  const renamingsFile = join(dir, "place-renamings.json");
  const renamings = existsSync(renamingsFile) ? parseWith(renamingsFile, renamingsSchema, readJson(renamingsFile)).renamings : [];
  const areas = new Set([...places.hromadas, ...places.raions].map((area) => area.code));
  const unknownArea = Object.keys(organisation.routing).find((key) => PLACE_CODE.test(key) && !areas.has(key));
  if (unknownArea) throw new ContentError(`Content file ${organisationFile}: field routing.${unknownArea}: no hromada or raion in places.json has this code.`);
  const codes = new Set(places.settlements.map((settlement) => settlement.code));
  renamings.forEach((renaming, index) => {
    if (!codes.has(renaming.code))
      throw new ContentError(`Content file ${renamingsFile}: field renamings.${index}.code: no settlement in places.json has this code.`);
  });
  const faqFile = join(dir, "faq.json");
  const faq = parseWith(faqFile, faqSchema, readJson(faqFile));
  return { organisation, programmes, vocabulary, faq, places, renamings };
}

/** What `{organisation}` and `{contacts}` in faq.json answers stand for, per locale. */
export function faqFill(organisation: Pick<Organisation, "name" | "contacts">): Record<Locale, Record<string, string>> {
  const fill = {} as Record<Locale, Record<string, string>>;
  for (const locale of LOCALES) fill[locale] = { organisation: organisation.name[locale], contacts: organisation.contacts[locale] };
  return fill;
}

/** The content bundled with Viche (the Zhytomyr programme), relative to the project root. */
export const BUNDLED_CONTENT_DIR = "locales/content";
