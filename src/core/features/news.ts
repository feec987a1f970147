import type { Button, OutgoingMessage } from "../types.js";
import type { FeatureModule, Translate } from "./feature.js";
import { mainMenuButtons } from "./menu.js";

/** Button data that opts a resident out of broadcasts (on every broadcast message; also /stop). */
const OPT_OUT_DATA = "optout";
/** Button data that opts a resident back in. */
const OPT_IN_DATA = "optin";

/** The opt-out button that every broadcast message carries. */
export function optOutButton(t: (key: string) => string): Button {
  return { label: t("button-opt-out"), data: OPT_OUT_DATA };
}

/** What a resident sees after opting out: what still works, and how to come back. */
export function optOutMessages(t: Translate): OutgoingMessage[] {
  return [{ text: t("optout-done"), buttons: [[{ label: t("button-opt-in"), data: OPT_IN_DATA }], ...mainMenuButtons(t)] }];
}

/** What a resident sees after opting back in. */
export function optInMessages(t: Translate): OutgoingMessage[] {
  return [{ text: t("optin-done"), buttons: mainMenuButtons(t) }];
}

/** News from the organisers (broadcasts): opting out with /stop or the button, and back in. */
export const newsFeature: FeatureModule = {
  name: "news",
  commands: {
    stop: (ctx) => {
      ctx.resident.optedOut = true;
      return optOutMessages(ctx.t);
    },
  },
  buttons: [
    {
      name: OPT_OUT_DATA,
      form: "bare",
      handle: (ctx) => {
        ctx.resident.optedOut = true;
        return optOutMessages(ctx.t);
      },
    },
    {
      name: OPT_IN_DATA,
      form: "bare",
      handle: (ctx) => {
        ctx.resident.optedOut = false;
        return optInMessages(ctx.t);
      },
    },
  ],
};
