import { replyFlow } from "../flows/reply.js";
import { isParty } from "../reports/reports.js";
import type { Button } from "../types.js";
import type { FeatureModule } from "./feature.js";
import { menuMessage } from "./menu.js";

const REPLY_NAMESPACE = "reply";

/** The "reply" button under an organiser's message about report `ref`. */
export function replyButton(t: (key: string) => string, ref: string): Button {
  return { label: t("button-reply"), data: `${REPLY_NAMESPACE}:${ref}` };
}

/** Residents answering organisers' messages about their reports. */
export const repliesFeature: FeatureModule = {
  name: "replies",
  buttons: [
    {
      name: REPLY_NAMESPACE,
      form: "args",
      handle: async (ctx, data) => {
        const ref = data.slice(REPLY_NAMESPACE.length + 1);
        const report = await ctx.services.reports.get(ref);
        if (!report || !isParty(report, ctx.resident)) return menuMessage(ctx.t("reply-unknown-ref", { ref }), ctx.t);
        return ctx.beginFlow("reply", { ref });
      },
    },
  ],
  flows: [replyFlow],
};
