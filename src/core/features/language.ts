import { isLocale, type Button, type Locale, type OutgoingMessage } from "../types.js";
import type { FeatureModule, Translate } from "./feature.js";
import { mainMenuButtons, menuRow } from "./menu.js";

const LANGUAGE_NAMESPACE = "lang";

function languageButton(label: string, locale: Locale): Button {
  return { label, data: `${LANGUAGE_NAMESPACE}:${locale}` };
}

function languageMessage(t: Translate): OutgoingMessage {
  return {
    text: t("language-choose"),
    buttons: [[languageButton("🇺🇦 Українська", "uk"), languageButton("🇬🇧 English", "en")], menuRow(t)],
  };
}

/** Choosing the language the bot speaks to the resident. */
export const languageFeature: FeatureModule = {
  name: "language",
  commands: { language: (ctx) => [languageMessage(ctx.t)] },
  buttons: [
    {
      name: LANGUAGE_NAMESPACE,
      form: "args",
      handle: (ctx, data) => {
        const locale = data.slice(LANGUAGE_NAMESPACE.length + 1);
        if (!isLocale(locale)) return undefined;
        ctx.resident.locale = locale;
        ctx.resident.localeChosen = true;
        const t: Translate = (key, args) => ctx.services.translator.t(locale, key, args);
        return [{ text: t("language-set"), buttons: mainMenuButtons(t, ctx.resumeLabel()) }];
      },
    },
  ],
};
