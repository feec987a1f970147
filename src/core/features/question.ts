import { questionFlow } from "../flows/question.js";
import type { FeatureModule } from "./feature.js";

/** A question for a person: `/question` alone asks for the text, `/question <text>` goes straight to the summary. */
export const questionFeature: FeatureModule = {
  name: "question",
  commands: {
    question: (ctx, args) => {
      const question = args.trim();
      return question ? ctx.beginFlow("question", { question }, "summary") : ctx.beginFlow("question", {});
    },
  },
  flows: [questionFlow],
  words: ["question"],
};
