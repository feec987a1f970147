import { z } from "zod";
import type { FlowDefinition } from "./flow.js";
import { acceptText } from "./inputs.js";
import { limitMessages, reportDoneMessages } from "./outcome.js";

/** What the question flow stores: the question's text. */
export const questionAnswersSchema = z.object({ question: z.string().optional() });
/** The question flow's answers. */
export type QuestionAnswers = z.infer<typeof questionAnswersSchema>;

/**
 * A question for a person: the text (already known when the programme had no answer) → summary
 * with send and edit. The reply comes back on the resident's messenger; no contact is needed.
 */
export const questionFlow: FlowDefinition<QuestionAnswers> = {
  id: "question",
  version: 1,
  answers: questionAnswersSchema,
  steps: [
    {
      id: "question",
      editLabel: "question-edit-text",
      prompt: (ctx) => ({ text: ctx.t("question-ask") }),
      accept: (input, ctx) => acceptText(input, ctx, "question", 3),
    },
  ],
  summary: (ctx) => ctx.t("summary-question", { value: ctx.answers.question ?? "" }),
  submit: async (ctx) => {
    const reached = await ctx.services.limitReached();
    if (reached) return limitMessages(ctx, reached);
    const report = await ctx.services.fileReport({ kind: "question", text: ctx.answers.question ?? "", photos: [] });
    return reportDoneMessages(ctx, report);
  },
};
