import type { Button, OutgoingMessage } from "../types.js";
import { findItem, findSection, type Programme } from "./programme.js";

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

/** One section: its items as buttons, and a way back. */
export function sectionMessage(programme: Programme, sectionId: string, t: T): OutgoingMessage | undefined {
  const section = findSection(programme, sectionId);
  if (!section) return undefined;
  return {
    title: section.title,
    text: t("programme-choose-item", { count: section.items.length }),
    buttons: [
      ...section.items.map((item) => [{ label: item.title, data: `${PROGRAMME_DATA}:i:${item.id}` }]),
      [
        { label: t("programme-all-sections"), data: PROGRAMME_DATA },
        { label: t("nav-menu"), data: "menu" },
      ],
    ],
  };
}

/** One item, verbatim, with "next" within its section, "back to section" and the menu. */
export function itemMessage(programme: Programme, itemId: string, t: T): OutgoingMessage | undefined {
  const found = findItem(programme, itemId);
  if (!found) return undefined;
  const { section, item } = found;
  const index = section.items.indexOf(item);
  const next = section.items[index + 1];
  const navigation: Button[] = [{ label: t("programme-back-to-section"), data: `${PROGRAMME_DATA}:s:${section.id}` }];
  if (next) navigation.push({ label: t("programme-next-item"), data: `${PROGRAMME_DATA}:i:${next.id}` });
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

/** Resolves programme button data to a message; undefined for stale or unknown ids. */
export function browse(programme: Programme, data: string, t: T): OutgoingMessage | undefined {
  if (data === PROGRAMME_DATA) return sectionsMessage(programme, t);
  const [, kind, id] = data.split(":");
  if (kind === "s" && id) return sectionMessage(programme, id, t);
  if (kind === "i" && id) return itemMessage(programme, id, t);
  return undefined;
}
