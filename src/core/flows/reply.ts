import { z } from "zod";
import { menuRow } from "../features/menu.js";
import type { FlowDefinition } from "./flow.js";
import { acceptText } from "./inputs.js";

/** What the reply flow stores: the report replied to, and the reply. */
export const replyAnswersSchema = z.object({ ref: z.string(), text: z.string().optional() });
/** The reply flow's answers. */
export type ReplyAnswers = z.infer<typeof replyAnswersSchema>;

/** The resident answers an organiser's message: one text, sent at once under the card. */
export const replyFlow: FlowDefinition<ReplyAnswers> = {
  id: "reply",
  version: 1,
  answers: replyAnswersSchema,
  confirm: false,
  resumable: false,
  steps: [
    {
      id: "text",
      prompt: (ctx) => ({ text: ctx.t("reply-ask", { ref: ctx.answers.ref }) }),
      accept: (input, ctx) => acceptText(input, ctx, "text", 1),
    },
  ],
  summary: () => "",
  submit: async (ctx) => {
    const ref = ctx.answers.ref;
    const delivered = await ctx.services.replyToOrganisers(ref, ctx.answers.text ?? "");
    return [{ text: ctx.t(delivered ? "reply-sent" : "reply-unknown-ref", { ref }), buttons: [menuRow(ctx.t)] }];
  },
};
