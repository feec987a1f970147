import { mainMenuButtons } from "../features/menu.js";
import type { Report } from "../reports/reports.js";
import type { OutgoingMessage } from "../types.js";
import type { StepContext } from "./flow.js";

/** What a resident sees after sending: the reference, what happens next, and the main menu. */
export function reportDoneMessages(ctx: StepContext, report: Report, key = `sent-${report.kind}`): OutgoingMessage[] {
  return [
    {
      title: ctx.t("sent-title", { ref: report.ref }),
      text: ctx.t(key, { ref: report.ref }),
      buttons: mainMenuButtons(ctx.t),
    },
  ];
}
