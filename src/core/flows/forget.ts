import { z } from "zod";
import { menuRow } from "../features/menu.js";
import type { FlowDefinition } from "./flow.js";

/** What the forget flow stores: whether the resident confirmed. */
export const forgetAnswersSchema = z.object({ confirmed: z.boolean().optional() });
/** The forget flow's answers. */
export type ForgetAnswers = z.infer<typeof forgetAnswersSchema>;

/** /forget: one confirmation, then everything personal is deleted. */
export const forgetFlow: FlowDefinition<ForgetAnswers> = {
  id: "forget",
  version: 1,
  answers: forgetAnswersSchema,
  confirm: false,
  resumable: false,
  steps: [
    {
      id: "confirm",
      prompt: (ctx) => ({
        text: ctx.t("forget-confirm"),
        choices: [
          { value: "yes", label: ctx.t("button-forget-yes") },
          { value: "no", label: ctx.t("button-forget-no") },
        ],
      }),
      accept: (input, ctx) => {
        if (input.kind === "choice" && (input.value === "yes" || input.value === "no")) {
          return { kind: "next", answers: { confirmed: input.value === "yes" } };
        }
        return { kind: "invalid", message: ctx.t("input-use-buttons") };
      },
    },
  ],
  summary: () => "",
  submit: async (ctx) => {
    if (ctx.answers.confirmed !== true) return [{ text: ctx.t("forget-kept"), buttons: [menuRow(ctx.t)] }];
    await ctx.services.forgetResident();
    return [{ text: ctx.t("forget-done"), buttons: [menuRow(ctx.t)] }];
  },
};
