import type { FlowDefinition } from "./flow.js";

/** /forget: one confirmation, then everything personal is deleted. */
export const forgetFlow: FlowDefinition = {
  id: "forget",
  version: 1,
  confirm: false,
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
    if (ctx.answers.confirmed !== true) return [{ text: ctx.t("forget-kept"), buttons: [[{ label: ctx.t("nav-menu"), data: "menu" }]] }];
    await ctx.services.forgetResident();
    return [{ text: ctx.t("forget-done"), buttons: [[{ label: ctx.t("nav-menu"), data: "menu" }]] }];
  },
};
