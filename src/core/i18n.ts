import { FluentBundle, FluentResource } from "@fluent/bundle";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LOCALES, type Locale } from "./types.js";

/** Arguments for a message: names used in the .ftl file mapped to values. */
export type MessageArgs = Record<string, string | number>;

/**
 * Looks up user-visible text by key in `locales/<locale>.ftl`. Code only ever holds keys; the
 * words live in the Fluent files, which translators and operators edit.
 */
export interface Translator {
  t(locale: Locale, key: string, args?: MessageArgs): string;
  has(locale: Locale, key: string): boolean;
  /** Every message key of a locale, for completeness checks. */
  keys(locale: Locale): string[];
}

/** A locale file that Fluent could not parse, naming the file and the line. */
export class LocaleError extends Error {
  override readonly name = "LocaleError";
}

/**
 * Loads every locale from `dir` (`uk.ftl`, `en.ftl`). Throws a {@link LocaleError} naming the file
 * when one is missing or has syntax errors. Isolation marks are off: references like C-1042 and
 * phone numbers must copy cleanly from a phone screen.
 */
export function createTranslator(dir: string): Translator {
  const bundles = new Map<Locale, FluentBundle>();
  const keys = new Map<Locale, string[]>();
  for (const locale of LOCALES) {
    const file = join(dir, `${locale}.ftl`);
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      throw new LocaleError(`Locale file ${file} is missing: copy locales/uk.ftl and translate it.`);
    }
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const resource = new FluentResource(source);
    const errors = bundle.addResource(resource);
    if (errors.length > 0) throw new LocaleError(`Locale file ${file}: ${errors[0]?.message ?? "syntax error"}.`);
    const junk = source.split("\n").findIndex((line) => /^[^\s#-][^=]*$/.test(line) && line.trim() !== "" && !line.startsWith("["));
    if (junk >= 0) throw new LocaleError(`Locale file ${file}, line ${junk + 1}: not a "key = value" line.`);
    bundles.set(locale, bundle);
    keys.set(
      locale,
      resource.body.flatMap((entry) => ("id" in entry && typeof entry.id === "string" && !entry.id.startsWith("-") ? [entry.id] : [])),
    );
  }
  const bundleFor = (locale: Locale): FluentBundle => {
    const bundle = bundles.get(locale);
    if (!bundle) throw new LocaleError(`No locale ${locale}.`);
    return bundle;
  };
  // A message without arguments always formats to the same text (menus and buttons, several per
  // answer): formatted once per locale. Only keys the files define are kept (a bounded set).
  const plain = new Map<string, string>();
  const format = (locale: Locale, key: string, args: MessageArgs | undefined): string => {
    const bundle = bundleFor(locale);
    const message = bundle.getMessage(key) ?? (locale === "uk" ? undefined : bundleFor("uk").getMessage(key));
    if (!message?.value) return key;
    const owner = bundle.getMessage(key) ? bundle : bundleFor("uk");
    return owner.formatPattern(message.value, args);
  };
  return {
    t(locale, key, args) {
      if (args !== undefined) return format(locale, key, args);
      const id = `${locale}\u0000${key}`;
      let text = plain.get(id);
      if (text === undefined) {
        text = format(locale, key, undefined);
        if (text !== key || bundleFor(locale).hasMessage(key)) plain.set(id, text);
      }
      return text;
    },
    has(locale, key) {
      return bundleFor(locale).hasMessage(key);
    },
    keys(locale) {
      return keys.get(locale) ?? [];
    },
  };
}
