import { forgetFlow } from "../flows/forget.js";
import type { OutgoingMessage } from "../types.js";
import type { FeatureContext, FeatureModule } from "./feature.js";
import { commandButton, menuRow } from "./menu.js";

/** /mydata: everything stored about the resident, and the way to delete it. */
function myData(ctx: FeatureContext): OutgoingMessage {
  const { t, resident } = ctx;
  const lines = [
    t("mydata-messenger", { channel: resident.channel === "telegram" ? "Telegram" : "Viber", id: resident.id }),
    t("mydata-language", { language: resident.locale === "uk" ? "Українська" : "English" }),
    t("mydata-name", { value: resident.name ?? t("mydata-none") }),
    t("mydata-phone", { value: resident.phone ?? t("mydata-none") }),
    t("mydata-settlement", { value: resident.lastSettlement ?? t("mydata-none") }),
    t("mydata-source", { value: resident.source ?? t("mydata-none") }),
    t("mydata-reports", { value: resident.reports.length > 0 ? resident.reports.join(", ") : t("mydata-none") }),
  ];
  return {
    title: t("mydata-title"),
    text: `${lines.join("\n")}\n\n${t("mydata-footer")}`,
    buttons: [[commandButton(t("button-forget"), "forget")], menuRow(t)],
  };
}

/** Personal data: /mydata shows it, /forget deletes it after one confirmation (reports/forget.ts does the deleting). */
export const privacyFeature: FeatureModule = {
  name: "privacy",
  commands: {
    mydata: (ctx) => [myData(ctx)],
    forget: (ctx) => ctx.beginFlow("forget", {}),
  },
  flows: [forgetFlow],
};
