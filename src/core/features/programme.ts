import { findItem, findSection, type Programme } from "../programme/programme.js";
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

/** One section: its items as buttons, and a way back. */
export function sectionMessage(programme: Programme, sectionId: string, t: Translate): OutgoingMessage | undefined {
  const section = findSection(programme, sectionId);
  if (!section) return undefined;
  return {
    title: section.title,
    text: t("programme-choose-item", { count: section.items.length }),
    buttons: [
      ...section.items.map((item) => [programmeItemButton(item.title, item.id)]),
      [{ label: t("programme-all-sections"), data: PROGRAMME_DATA }, menuButton(t)],
    ],
  };
}

/** One item, verbatim, with "next" within its section, "back to section" and the menu. */
export function itemMessage(programme: Programme, itemId: string, t: Translate): OutgoingMessage | undefined {
  const found = findItem(programme, itemId);
  if (!found) return undefined;
  const { section, item } = found;
  const index = section.items.indexOf(item);
  const next = section.items[index + 1];
  const navigation: Button[] = [sectionButton(t("programme-back-to-section"), section.id)];
  if (next) navigation.push(programmeItemButton(t("programme-next-item"), next.id));
  return {
    title: `${section.title} · ${item.title}`,
    text: item.text.trim(),
    buttons: [navigation, [commandButton(t("programme-ask-question"), "question"), menuButton(t)]],
  };
}

/** Resolves programme button data to a message; undefined for stale or unknown ids. */
export function browse(programme: Programme, data: string, t: Translate): OutgoingMessage | undefined {
  if (data === PROGRAMME_DATA) return sectionsMessage(programme, t);
  const [, kind, id] = data.split(":");
  if (kind === "s" && id) return sectionMessage(programme, id, t);
  if (kind === "i" && id) return itemMessage(programme, id, t);
  return undefined;
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
        return [browse(programme, data, ctx.t) ?? sectionsMessage(programme, ctx.t)];
      },
    },
  ],
  words: ["programme"],
};
