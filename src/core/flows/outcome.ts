import { mainMenuButtons } from "../features/menu.js";
import type { Report } from "../reports/reports.js";
import type { OutgoingMessage } from "../types.js";
import type { StepContext } from "./flow.js";

/**
 * What a resident past a cap sees instead of "sent": that this report was not sent, why, and what to
 * do (add to a report they already have, or wait).
 */
export function limitMessages(ctx: StepContext, reached: { limit: "day" | "open"; count: number }): OutgoingMessage[] {
  return [{ text: ctx.t(`limit-reached-${reached.limit}`, { count: reached.count }), buttons: mainMenuButtons(ctx.t) }];
}

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
