import type { Button, OutgoingMessage } from "./types.js";

/** Button data of the main menu. Each maps to the command of the same name. */
export const MENU_COMMANDS = ["programme", "question", "complaint", "volunteer", "reports", "language"] as const;
/** A main-menu entry. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Data of the "main menu" button, accepted everywhere. */
export const MENU_DATA = "menu";

/**
 * The main menu: big buttons, two per row, the programme first. When the resident left a flow
 * half-way, a "continue" button comes first.
 */
export function mainMenuButtons(t: (key: string) => string, resumeLabel?: string): Button[][] {
  const button = (command: MenuCommand): Button => ({ label: t(`menu-${command}`), data: `cmd:${command}` });
  const rows: Button[][] = [
    [button("programme"), button("question")],
    [button("complaint"), button("volunteer")],
    [button("reports"), button("language")],
  ];
  return resumeLabel ? [[{ label: resumeLabel, data: "resume" }], ...rows] : rows;
}

/** A message that ends with the main menu. */
export function withMenu(message: OutgoingMessage, t: (key: string) => string, resumeLabel?: string): OutgoingMessage {
  return { ...message, buttons: [...(message.buttons ?? []), ...mainMenuButtons(t, resumeLabel)] };
}

/** The single "main menu" button row, for the end of a screen. */
export function menuRow(t: (key: string) => string): Button[] {
  return [{ label: t("nav-menu"), data: MENU_DATA }];
}
