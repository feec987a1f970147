import type { Button } from "../types.js";
import type { FeatureModule } from "./feature.js";
import { menuRow } from "./menu.js";

const FOLLOW_UP_NAMESPACE = "fu";
/** Button data of the follow-up answers: `fu:yes:C-1042`, `fu:no:C-1042`. */
const FOLLOW_UP = /^fu:(yes|no):([CVQ]-\d+)$/;

/** The buttons under "is it really solved?": yes, no, and the menu. */
export function followUpButtons(t: (key: string) => string, ref: string): Button[][] {
  return [
    [{ label: t("button-followup-yes"), data: `${FOLLOW_UP_NAMESPACE}:yes:${ref}` }],
    [{ label: t("button-followup-no"), data: `${FOLLOW_UP_NAMESPACE}:no:${ref}` }],
    menuRow(t),
  ];
}

/** Reads a follow-up answer button; undefined for anything else. */
export function parseFollowUp(data: string): { answer: "yes" | "no"; ref: string } | undefined {
  const match = FOLLOW_UP.exec(data);
  if (!match?.[1] || !match[2]) return undefined;
  return { answer: match[1] === "yes" ? "yes" : "no", ref: match[2] };
}

/** Residents' answers to "is it really solved?" after a report was resolved (asked by FollowUps). */
export const followUpsFeature: FeatureModule = {
  name: "follow-ups",
  buttons: [
    {
      name: FOLLOW_UP_NAMESPACE,
      form: "args",
      handle: (ctx, data) => {
        const answer = parseFollowUp(data);
        return answer ? ctx.services.followUps.answer(ctx.resident, answer.answer, answer.ref, ctx.now) : undefined;
      },
    },
  ],
};
