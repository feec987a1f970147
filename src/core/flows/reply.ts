import type { FlowDefinition } from "./flow.js";
import { acceptText } from "./inputs.js";

/** The resident answers an organiser's message: one text, sent at once under the card. */
export const replyFlow: FlowDefinition = {
  id: "reply",
  version: 1,
  confirm: false,
  steps: [
    {
      id: "text",
      prompt: (ctx) => ({ text: ctx.t("reply-ask", { ref: String(ctx.answers.ref ?? "") }) }),
      accept: (input, ctx) => acceptText(input, ctx, "text", 1),
    },
  ],
  summary: () => "",
  submit: async (ctx) => {
    const ref = String(ctx.answers.ref);
    const delivered = await ctx.services.replyToOrganisers(ref, String(ctx.answers.text));
    return [{ text: ctx.t(delivered ? "reply-sent" : "reply-unknown-ref", { ref }), buttons: [[{ label: ctx.t("nav-menu"), data: "menu" }]] }];
  },
};
