import type { Button, OutgoingMessage } from "../types.js";
import { splitText } from "../text.js";
import { findItem, findSection, type Programme, type ProgrammeItem, type ProgrammeSection } from "./programme.js";

type T = (key: string, args?: Record<string, string | number>) => string;

/** Button data for browsing: `prog` (sections), `prog:s:<section>`, `prog:i:<item>`. */
export const PROGRAMME_DATA = "prog";

/** True for button data that belongs to programme browsing. */
export function isProgrammeData(data: string): boolean {
  return data === PROGRAMME_DATA || data.startsWith(`${PROGRAMME_DATA}:`);
}

/** The list of sections. */
export function sectionsMessage(programme: Programme, t: T): OutgoingMessage {
  return {
    title: programme.title,
    text: t("programme-choose-section"),
    buttons: [
      ...programme.sections.map((section) => [{ label: section.title, data: `${PROGRAMME_DATA}:s:${section.id}` }]),
      [{ label: t("nav-menu"), data: "menu" }],
    ],
  };
}

/** A section's text is cut into messages of at most this many characters, between items where possible (under Telegram's 4096 with the title). */
export const SECTION_TEXT_LIMIT = 3500;

/** The section after `sectionId`, if any. */
function sectionAfter(programme: Programme, sectionId: string): ProgrammeSection | undefined {
  const index = programme.sections.findIndex((section) => section.id === sectionId);
  return index >= 0 ? programme.sections[index + 1] : undefined;
}

/** Numbered item texts packed into pieces of at most `limit` characters; an item longer than that is split by {@link splitText}. */
function numberedPieces(items: readonly ProgrammeItem[], limit: number): string[] {
  const pieces: string[] = [];
  let current = "";
  items.forEach((item, index) => {
    for (const part of splitText(`${index + 1}. ${item.text.trim()}`, limit)) {
      if (current && current.length + 2 + part.length > limit) {
        pieces.push(current);
        current = "";
      }
      current = current ? `${current}\n\n${part}` : part;
    }
  });
  if (current) pieces.push(current);
  return pieces;
}

/**
 * One section to read: its items' text numbered, in as many messages as the length needs, the last
 * with a button per item, "next section", all sections and the menu.
 */
export function sectionMessages(programme: Programme, sectionId: string, t: T): OutgoingMessage[] | undefined {
  const section = findSection(programme, sectionId);
  if (!section) return undefined;
  const header = t("programme-section-count", { count: section.items.length });
  const pieces = numberedPieces(section.items, SECTION_TEXT_LIMIT - header.length - 2);
  const next = sectionAfter(programme, section.id);
  const navigation: Button[] = [{ label: t("programme-all-sections"), data: PROGRAMME_DATA }];
  if (next) navigation.push({ label: t("programme-next-section"), data: `${PROGRAMME_DATA}:s:${next.id}` });
  const buttons = [
    ...section.items.map((item) => [{ label: item.title, data: `${PROGRAMME_DATA}:i:${item.id}` }]),
    navigation,
    [{ label: t("nav-menu"), data: "menu" }],
  ];
  return pieces.map((piece, index) => ({
    ...(index === 0 ? { title: section.title } : {}),
    text: index === 0 ? `${header}\n\n${piece}` : piece,
    ...(index === pieces.length - 1 ? { buttons } : {}),
  }));
}

/** One item, verbatim, with "next" (into the next section after the last item), "back to section" and the menu. */
export function itemMessage(programme: Programme, itemId: string, t: T): OutgoingMessage | undefined {
  const found = findItem(programme, itemId);
  if (!found) return undefined;
  const { section, item } = found;
  const index = section.items.indexOf(item);
  const next = section.items[index + 1];
  const nextSection = sectionAfter(programme, section.id);
  const navigation: Button[] = [{ label: t("programme-back-to-section"), data: `${PROGRAMME_DATA}:s:${section.id}` }];
  if (next) navigation.push({ label: t("programme-next-item"), data: `${PROGRAMME_DATA}:i:${next.id}` });
  else if (nextSection) navigation.push({ label: t("programme-next-section"), data: `${PROGRAMME_DATA}:s:${nextSection.id}` });
  return {
    title: `${section.title} · ${item.title}`,
    text: item.text.trim(),
    buttons: [
      navigation,
      [
        { label: t("programme-ask-question"), data: "cmd:question" },
        { label: t("nav-menu"), data: "menu" },
      ],
    ],
  };
}

/** Resolves programme button data to messages; undefined for stale or unknown ids. */
export function browse(programme: Programme, data: string, t: T): OutgoingMessage[] | undefined {
  if (data === PROGRAMME_DATA) return [sectionsMessage(programme, t)];
  const [, kind, id] = data.split(":");
  if (kind === "s" && id) return sectionMessages(programme, id, t);
  const item = kind === "i" && id ? itemMessage(programme, id, t) : undefined;
  return item ? [item] : undefined;
}
