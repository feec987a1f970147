import { mainMenuButtons } from "../menu.js";
import type { Button, OutgoingMessage } from "../types.js";

/** Button data that opts a resident out of broadcasts (on every broadcast message; also /stop). */
export const OPT_OUT_DATA = "optout";
/** Button data that opts a resident back in. */
export const OPT_IN_DATA = "optin";

/** The opt-out button that every broadcast message carries. */
export function optOutButton(t: (key: string) => string): Button {
  return { label: t("button-opt-out"), data: OPT_OUT_DATA };
}

/** What a resident sees after opting out: what still works, and how to come back. */
export function optOutMessages(t: (key: string) => string): OutgoingMessage[] {
  return [{ text: t("optout-done"), buttons: [[{ label: t("button-opt-in"), data: OPT_IN_DATA }], ...mainMenuButtons(t)] }];
}

/** What a resident sees after opting back in. */
export function optInMessages(t: (key: string) => string): OutgoingMessage[] {
  return [{ text: t("optin-done"), buttons: mainMenuButtons(t) }];
}
