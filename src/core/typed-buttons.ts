import type { FeatureRegistry } from "./features/registry.js";
import type { Resident } from "./residents.js";
import type { IncomingEvent } from "./types.js";

/**
 * Typing a button's label (Viber, Telegram reply keyboards, people who type) counts as pressing
 * it; typing one of a command's menu words (`words-<command>` in the locale) runs the command.
 */
export function resolveTypedButton(resident: Resident, event: IncomingEvent, registry: FeatureRegistry, t: (key: string) => string): IncomingEvent {
  if (event.kind !== "text") return event;
  const typed = normaliseLabel(event.text);
  if (typed.length === 0) return event;
  const match = resident.lastButtons?.find((button) => normaliseLabel(button.label) === typed);
  if (match) return { kind: "choice", data: match.data };
  for (const command of registry.typedCommands) {
    const words = t(`words-${command}`).split(",").map(normaliseLabel);
    if (words.includes(typed)) return { kind: "text", text: `/${command}` };
  }
  return event;
}

function normaliseLabel(text: string): string {
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
