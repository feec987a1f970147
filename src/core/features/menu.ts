import type { Button, OutgoingMessage } from "../types.js";
import type { FeatureModule, Translate } from "./feature.js";

/** The main menu's entries; each button runs the command of the same name. */
export const MENU_COMMANDS = ["programme", "question", "complaint", "volunteer", "reports", "language"] as const;
/** A main-menu entry. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Data of the "main menu" button, accepted everywhere. */
export const MENU_DATA = "menu";
/** Data of the "▶️ continue …" button that goes back into a paused form. */
export const RESUME_DATA = "resume";
const COMMAND_NAMESPACE = "cmd";

/** A button that runs a resident command, as if typed (`cmd:<command>`). */
export function commandButton(label: string, command: string): Button {
  return { label, data: `${COMMAND_NAMESPACE}:${command}` };
}

/**
 * The main menu: big buttons, two per row, the programme first. When the resident left a flow
 * half-way, a "continue" button comes first.
 */
export function mainMenuButtons(t: (key: string) => string, resumeLabel?: string): Button[][] {
  const button = (command: MenuCommand): Button => commandButton(t(`menu-${command}`), command);
  const rows: Button[][] = [
    [button("programme"), button("question")],
    [button("complaint"), button("volunteer")],
    [button("reports"), button("language")],
  ];
  return resumeLabel ? [[resumeButton(resumeLabel)], ...rows] : rows;
}

/** The "▶️ continue …" button. */
export function resumeButton(label: string): Button {
  return { label, data: RESUME_DATA };
}

/** A message that ends with the main menu. */
export function withMenu(message: OutgoingMessage, t: (key: string) => string, resumeLabel?: string): OutgoingMessage {
  return { ...message, buttons: [...(message.buttons ?? []), ...mainMenuButtons(t, resumeLabel)] };
}

/** The single "main menu" button, for the end of a screen. */
export function menuButton(t: (key: string) => string): Button {
  return { label: t("nav-menu"), data: MENU_DATA };
}

/** The single "main menu" button row, for the end of a screen. */
export function menuRow(t: (key: string) => string): Button[] {
  return [menuButton(t)];
}

/** A short message with the main menu under it. */
export function menuMessage(text: string, t: Translate, resumeLabel?: string): OutgoingMessage[] {
  return [{ text, buttons: mainMenuButtons(t, resumeLabel) }];
}

/** Start, help, the main menu, cancel and resume: the ways in and the ways back. */
export const menuFeature: FeatureModule = {
  name: "menu",
  commands: {
    start: (ctx, args) => {
      const payload = args.trim();
      const source = payload && /^[A-Za-z0-9_-]{1,64}$/.test(payload) ? payload : undefined;
      if (source && !ctx.resident.source) ctx.resident.source = source;
      const organisation = ctx.services.content.organisation;
      const name = organisation.name[ctx.resident.locale];
      const greeting = ctx.t(ctx.fresh ? "welcome-new" : "welcome-back", { organisation: name });
      return [{ title: name, text: greeting, buttons: mainMenuButtons(ctx.t, ctx.resumeLabel()) }];
    },
    help: (ctx) => [
      {
        title: ctx.t("help-title"),
        text: ctx.t("help-text", { contacts: ctx.services.content.organisation.contacts[ctx.resident.locale] }),
        buttons: mainMenuButtons(ctx.t),
      },
    ],
    menu: (ctx) => menuMessage(ctx.t("menu-text"), ctx.t, ctx.resumeLabel()),
    cancel: async (ctx) => {
      if (!ctx.flow) return menuMessage(ctx.t("cancel-nothing"), ctx.t);
      await ctx.endFlow();
      return menuMessage(ctx.t("cancelled"), ctx.t);
    },
  },
  buttons: [
    { name: MENU_DATA, form: "bare", handle: (ctx) => menuMessage(ctx.t("menu-text"), ctx.t, ctx.resumeLabel()) },
    {
      name: RESUME_DATA,
      form: "bare",
      handle: (ctx) => {
        const screen = ctx.resumeFlow();
        return screen ? [screen] : undefined;
      },
    },
    { name: COMMAND_NAMESPACE, form: "args", handle: (ctx, data) => ctx.command(data.slice(COMMAND_NAMESPACE.length + 1), "") },
  ],
  words: ["menu", "cancel", "help"],
};
