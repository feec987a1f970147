import { findItem, findSection, type Programme, type ProgrammeItem, type ProgrammeSection } from "../programme/programme.js";
import { splitText } from "../text.js";
import type { Button, OutgoingMessage } from "../types.js";
import type { FeatureModule, Translate } from "./feature.js";
import { commandButton, menuButton } from "./menu.js";

/** Button data for browsing: `prog` (sections), `prog:s:<section>`, `prog:i:<item>`. */
const PROGRAMME_DATA = "prog";

/** A button that opens one programme item. */
export function programmeItemButton(label: string, itemId: string): Button {
  return { label, data: `${PROGRAMME_DATA}:i:${itemId}` };
}

function sectionButton(label: string, sectionId: string): Button {
  return { label, data: `${PROGRAMME_DATA}:s:${sectionId}` };
}

/** The list of sections. */
export function sectionsMessage(programme: Programme, t: Translate): OutgoingMessage {
  return {
    title: programme.title,
    text: t("programme-choose-section"),
    buttons: [...programme.sections.map((section) => [sectionButton(section.title, section.id)]), [menuButton(t)]],
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
export function sectionMessages(programme: Programme, sectionId: string, t: Translate): OutgoingMessage[] | undefined {
  const section = findSection(programme, sectionId);
  if (!section) return undefined;
  const header = t("programme-section-count", { count: section.items.length });
  const pieces = numberedPieces(section.items, SECTION_TEXT_LIMIT - header.length - 2);
  const next = sectionAfter(programme, section.id);
  const navigation: Button[] = [{ label: t("programme-all-sections"), data: PROGRAMME_DATA }];
  if (next) navigation.push(sectionButton(t("programme-next-section"), next.id));
  const buttons = [...section.items.map((item) => [programmeItemButton(item.title, item.id)]), navigation, [menuButton(t)]];
  return pieces.map((piece, index) => ({
    ...(index === 0 ? { title: section.title } : {}),
    text: index === 0 ? `${header}\n\n${piece}` : piece,
    ...(index === pieces.length - 1 ? { buttons } : {}),
  }));
}

/** One item, verbatim, with "next" (into the next section after the last item), "back to section" and the menu. */
export function itemMessage(programme: Programme, itemId: string, t: Translate): OutgoingMessage | undefined {
  const found = findItem(programme, itemId);
  if (!found) return undefined;
  const { section, item } = found;
  const index = section.items.indexOf(item);
  const next = section.items[index + 1];
  const nextSection = sectionAfter(programme, section.id);
  const navigation: Button[] = [sectionButton(t("programme-back-to-section"), section.id)];
  if (next) navigation.push(programmeItemButton(t("programme-next-item"), next.id));
  else if (nextSection) navigation.push(sectionButton(t("programme-next-section"), nextSection.id));
  return {
    title: `${section.title} · ${item.title}`,
    text: item.text.trim(),
    buttons: [navigation, [commandButton(t("programme-ask-question"), "question"), menuButton(t)]],
  };
}

/** Resolves programme button data to messages; undefined for stale or unknown ids. */
export function browse(programme: Programme, data: string, t: Translate): OutgoingMessage[] | undefined {
  if (data === PROGRAMME_DATA) return [sectionsMessage(programme, t)];
  const [, kind, id] = data.split(":");
  if (kind === "s" && id) return sectionMessages(programme, id, t);
  const item = kind === "i" && id ? itemMessage(programme, id, t) : undefined;
  return item ? [item] : undefined;
}

/** Browsing the programme: sections, items, next item; stale buttons fall back to the sections. */
export const programmeFeature: FeatureModule = {
  name: "programme",
  commands: {
    programme: (ctx) => [sectionsMessage(ctx.services.content.programmes[ctx.resident.locale], ctx.t)],
    program: (ctx) => [sectionsMessage(ctx.services.content.programmes[ctx.resident.locale], ctx.t)],
  },
  buttons: [
    {
      name: PROGRAMME_DATA,
      form: "both",
      handle: (ctx, data) => {
        const programme = ctx.services.content.programmes[ctx.resident.locale];
        return browse(programme, data, ctx.t) ?? [sectionsMessage(programme, ctx.t)];
      },
    },
  ],
  words: ["programme"],
};
