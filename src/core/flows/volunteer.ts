import { z } from "zod";
import { optionChoices, optionLabel, type FlowDefinition, type StepContext } from "./flow.js";
import { acceptPhone, consentAnswer, nameSchema, phoneAnswersSchema, textOf } from "./inputs.js";
import { reportDoneMessages } from "./outcome.js";
import { placeAnswersSchema, placeStep, settlementSummary } from "./place-step.js";

/** What the sign-up flow stores, step by step. */
export const volunteerAnswersSchema = z.object({
  name: z.string().optional(),
  ...phoneAnswersSchema.shape,
  ...placeAnswersSchema.shape,
  /** Ids of the ways to help ticked so far. */
  ways: z.array(z.string()).optional(),
  availability: z.string().optional(),
  consent: z.boolean().optional(),
});
/** The sign-up flow's answers. */
export type VolunteerAnswers = z.infer<typeof volunteerAnswersSchema>;

function selectedWays(ctx: StepContext<VolunteerAnswers>): string[] {
  return ctx.answers.ways ?? [];
}

/**
 * Volunteer sign-up: name → phone (share or type, normalised to +380…) → settlement → ways to help
 * (tick several, then "done") → availability → consent → summary. A second sign-up from the same
 * resident or phone updates the first.
 */
export const volunteerFlow: FlowDefinition<VolunteerAnswers> = {
  id: "volunteer",
  version: 1,
  answers: volunteerAnswersSchema,
  steps: [
    {
      id: "name",
      editLabel: "volunteer-edit-name",
      prompt: (ctx) => ({
        text: ctx.t("volunteer-ask-name"),
        choices: ctx.resident.name ? [{ value: "saved", label: ctx.resident.name }] : [],
      }),
      accept: (input, ctx) => {
        const raw = input.kind === "choice" && input.value === "saved" ? ctx.resident.name : textOf(input);
        const parsed = nameSchema.safeParse(raw ?? "");
        if (!parsed.success) return { kind: "invalid", message: ctx.t("volunteer-name-invalid") };
        return { kind: "next", answers: { name: parsed.data } };
      },
    },
    {
      id: "phone",
      editLabel: "volunteer-edit-phone",
      prompt: (ctx) => ({
        text: ctx.t("volunteer-ask-phone"),
        choices: ctx.resident.phone ? [{ value: "saved", label: ctx.t("button-use-saved-phone", { phone: ctx.resident.phone }) }] : [],
        request: "contact",
      }),
      accept: (input, ctx) => acceptPhone(input, ctx, false),
    },
    placeStep<VolunteerAnswers>("settlement", "volunteer-edit-settlement", "volunteer-ask-settlement"),
    {
      id: "ways",
      editLabel: "volunteer-edit-ways",
      prompt: (ctx) => {
        const selected = selectedWays(ctx);
        return {
          text: ctx.t("volunteer-ask-ways"),
          choices: [
            ...optionChoices(ctx.content.organisation.waysToHelp, ctx.locale).map((choice) => ({
              value: choice.value,
              label: `${selected.includes(choice.value) ? "✅" : "⬜"} ${choice.label}`,
            })),
            { value: "done", label: ctx.t("button-done") },
          ],
          columns: 2,
        };
      },
      accept: (input, ctx) => {
        if (input.kind !== "choice") return { kind: "invalid", message: ctx.t("volunteer-ways-use-buttons") };
        const selected = selectedWays(ctx);
        if (input.value === "done") {
          return selected.length > 0 ? { kind: "next", answers: {} } : { kind: "invalid", message: ctx.t("volunteer-ways-pick-one") };
        }
        if (!ctx.content.organisation.waysToHelp.some((option) => option.id === input.value)) {
          return { kind: "invalid", message: ctx.t("volunteer-ways-use-buttons") };
        }
        const ways = selected.includes(input.value) ? selected.filter((way) => way !== input.value) : [...selected, input.value];
        return { kind: "stay", answers: { ways } };
      },
    },
    {
      id: "availability",
      editLabel: "volunteer-edit-availability",
      prompt: (ctx) => ({ text: ctx.t("volunteer-ask-availability"), choices: optionChoices(ctx.content.organisation.availability, ctx.locale), columns: 2 }),
      accept: (input, ctx) => {
        if (input.kind === "choice" && ctx.content.organisation.availability.some((option) => option.id === input.value)) {
          return { kind: "next", answers: { availability: input.value } };
        }
        return { kind: "invalid", message: ctx.t("input-use-buttons") };
      },
    },
    {
      id: "consent",
      prompt: (ctx) => ({
        text: ctx.t("consent-volunteer"),
        choices: [
          { value: "yes", label: ctx.t("button-consent-yes") },
          { value: "no", label: ctx.t("button-consent-no") },
        ],
      }),
      accept: (input, ctx) => {
        const answer = consentAnswer(input);
        if (answer === undefined) return { kind: "invalid", message: ctx.t("input-use-buttons") };
        if (!answer) return { kind: "invalid", message: ctx.t("volunteer-consent-required") };
        return { kind: "next", answers: { consent: true } };
      },
    },
  ],
  summary: (ctx) => {
    const ways = selectedWays(ctx).map((id) => optionLabel(ctx.content.organisation.waysToHelp, id, ctx.locale));
    return [
      ctx.t("summary-name", { value: ctx.answers.name ?? "" }),
      ctx.t("summary-phone", { value: ctx.answers.phone ?? "" }),
      ctx.t("summary-settlement", { value: settlementSummary(ctx) }),
      ctx.t("summary-ways", { value: ways.join(", ") }),
      ctx.t("summary-availability", { value: optionLabel(ctx.content.organisation.availability, ctx.answers.availability, ctx.locale) }),
    ].join("\n");
  },
  submit: async (ctx) => {
    const a = ctx.answers;
    const { report, updated } = await ctx.services.fileVolunteer(
      {
        settlement: a.settlement ?? "",
        ...(a.settlementCode ? { settlementCode: a.settlementCode } : {}),
        photos: [],
        contact: { name: a.name ?? "", phone: a.phone ?? "" },
        ways: selectedWays(ctx),
        availability: a.availability ?? "",
      },
      a.phoneVerified === true,
    );
    return reportDoneMessages(ctx, report, updated ? "sent-volunteer-updated" : "sent-volunteer");
  },
};
