import type { FlowDefinition } from "./flow.js";
import { acceptText } from "./inputs.js";
import { reportDoneMessages } from "./outcome.js";

/**
 * A question for a person: the text (already known when the programme had no answer) → summary
 * with send and edit. The reply comes back on the resident's messenger; no contact is needed.
 */
export const questionFlow: FlowDefinition = {
  id: "question",
  version: 1,
  steps: [
    {
      id: "question",
      editLabel: "question-edit-text",
      prompt: (ctx) => ({ text: ctx.t("question-ask") }),
      accept: (input, ctx) => {
        const result = acceptText(input, ctx, "question", 3);
        return result;
      },
    },
  ],
  summary: (ctx) => ctx.t("summary-question", { value: String(ctx.answers.question ?? "") }),
  submit: async (ctx) => {
    const report = await ctx.services.fileReport({ kind: "question", text: String(ctx.answers.question), photos: [] });
    return reportDoneMessages(ctx, report);
  },
};
