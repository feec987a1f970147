import { mainMenuButtons } from "../features/menu.js";
import type { Report } from "../reports/reports.js";
import type { OutgoingMessage } from "../types.js";
import type { FlowId, HeldDraft, StepContext } from "./flow.js";

/**
 * What a resident past a cap sees instead of "sent": that this report was not sent but is kept, why,
 * and what to do (send it later with "▶️ continue", or add to a report they already have). The
 * draft of `flow` stays at its summary, paused.
 */
export function limitReachedDraft(ctx: StepContext, flow: FlowId, reached: { limit: "day" | "open"; count: number }): HeldDraft {
  const resume = ctx.t(`resume-${flow}`);
  const text = ctx.t(`limit-reached-${reached.limit}`, { count: reached.count, resume, send: ctx.t("button-send"), reply: ctx.t("button-reply") });
  return { held: [{ text, buttons: mainMenuButtons(ctx.t, resume) }] };
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
