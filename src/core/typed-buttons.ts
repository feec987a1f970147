import type { FeatureRegistry } from "./features/registry.js";
import type { Resident } from "./residents.js";
import { FLOW_NAMESPACE } from "./flows/runner.js";
import { analyse } from "./programme/analyse.js";
import { memoise } from "./text.js";
import type { Button, IncomingEvent } from "./types.js";

/**
 * Typing a button's label (Viber, Telegram reply keyboards, people who type) counts as pressing
 * it, and so do words that clearly name one of a form step's choices (see namedChoice); typing one of a command's menu words (`words-<command>` in the locale) runs the command.
 */
export function resolveTypedButton(resident: Resident, event: IncomingEvent, registry: FeatureRegistry, t: (key: string) => string): IncomingEvent {
  if (event.kind !== "text") return event;
  const typed = foldLabel(event.text);
  if (typed.length === 0) return event;
  const match = resident.lastButtons?.find((button) => normaliseLabel(button.label) === typed);
  if (match) return { kind: "choice", data: match.data };
  const named = namedChoice(typed, resident.lastButtons ?? [], t);
  if (named) return { kind: "choice", data: named.data };
  for (const command of registry.typedCommands) {
    if (wordList(t(`words-${command}`)).includes(typed)) return { kind: "text", text: `/${command}` };
  }
  return event;
}

/** A form step's own choice (`f:<step>:<value>`), not its navigation. */
const STEP_CHOICE = new RegExp(`^${FLOW_NAMESPACE}:[^:]+:`);
/** Longer typed text is an answer in words, not a button. */
const MAX_NAMING_STEMS = 3;

/**
 * The one step choice on screen that typed words clearly name: "так"/"ні" (`words-yes`,
 * `words-no`) name the choice whose label says so; other words name the choice whose label has all
 * their stems (the programme analyser's), e.g. "вечорами" → "Вечори", "вода" → "🚰 Вода і
 * каналізація". Undefined when none or several fit.
 */
function namedChoice(typed: string, buttons: readonly Button[], t: (key: string) => string): Button | undefined {
  const choices = buttons.filter((button) => STEP_CHOICE.test(button.data));
  if (choices.length === 0) return undefined;
  const only = (hits: Button[]) => (hits.length === 1 ? hits[0] : undefined);
  for (const answer of ["yes", "no"]) {
    const words = wordList(t(`words-${answer}`));
    if (!words.includes(typed)) continue;
    return only(
      choices.filter((button) =>
        normaliseLabel(button.label)
          .split(/[\s,.!]+/)
          .some((word) => words.includes(word)),
      ),
    );
  }
  const stems = analyse(typed);
  if (stems.length === 0 || stems.length > MAX_NAMING_STEMS) return undefined;
  return only(
    choices.filter((button) => {
      const label = analyse(button.label);
      return stems.every((stem) => label.includes(stem));
    }),
  );
}

/**
 * A label as typing compares it: lowercase, no emoji, single spaces. Labels and the locales' word
 * lists come back on every typed message, so their forms are remembered (bounded: a label can hold a
 * resident's own words, e.g. the settlement they typed last).
 */
const normaliseLabel = memoise(foldLabel, 10_000);
/** A locale's comma-separated word list (`words-…`), normalised; the lists are few and fixed. */
const wordList = memoise((text): readonly string[] => text.split(",").map(foldLabel), 10_000);

function foldLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{1F1E6}-\u{1F1FF}✅⬜➡⬅✖]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Reads `/name args` (and `/name@bot args`); undefined when the text is not a command. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const match = /^\/([a-zA-Z_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: match[2] ?? "" };
}
