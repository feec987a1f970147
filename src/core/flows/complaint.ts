import { z } from "zod";
import { formatDay } from "../reports/card.js";
import type { PhotoRef } from "../types.js";
import { optionChoices, optionLabel, type FlowDefinition, type StepContext, type StepInput, type StepResult } from "./flow.js";
import { acceptPhone, consentAnswer, eventOf, MAX_TEXT, phoneAnswersSchema, textOf } from "./inputs.js";
import { limitReachedDraft, reportDoneMessages } from "./outcome.js";
import { placeAnswersSchema, placeStep, settlementSummary } from "./place-step.js";

/** A description has at least one word of three letters or more ("!!!!!!" or "5555" is not one). */
const REAL_WORDS = /\p{L}{3,}/u;

/** At most this many photos per complaint. */
export const MAX_PHOTOS = 3;

/** What the complaint flow stores, step by step. */
export const complaintAnswersSchema = z.object({
  category: z.string().optional(),
  ...placeAnswersSchema.shape,
  description: z.string().optional(),
  photos: z.array(z.object({ fileId: z.string(), size: z.number().optional() })).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  attachmentsDone: z.boolean().optional(),
  ...phoneAnswersSchema.shape,
  consent: z.boolean().optional(),
  /** An open complaint about the same problem nearby, offered for joining on the summary. */
  similarRef: z.string().optional(),
  /** When the similar complaint was filed and how many residents it affects (its public facts). */
  similarAt: z.number().optional(),
  similarAffected: z.number().optional(),
});
/** The complaint flow's answers. */
export type ComplaintAnswers = z.infer<typeof complaintAnswersSchema>;
type Context = StepContext<ComplaintAnswers>;

function photosOf(ctx: Context): PhotoRef[] {
  return ctx.answers.photos ?? [];
}

function attachmentsNote(ctx: Context): string {
  const parts: string[] = [];
  const photos = photosOf(ctx).length;
  if (photos > 0) parts.push(ctx.t("complaint-photos-count", { count: photos }));
  if (ctx.answers.location) parts.push(ctx.t("complaint-location-added"));
  return parts.join(", ");
}

function contactLine(ctx: Context): string {
  return ctx.answers.anonymous === true || ctx.answers.phone === undefined ? ctx.t("summary-anonymous") : ctx.answers.phone;
}

/** A description: text, or a photo whose caption says what the problem is. */
function acceptDescription(input: StepInput, ctx: Context): StepResult<ComplaintAnswers> {
  const event = eventOf(input);
  if (event?.kind === "photo") {
    const caption = event.caption?.trim() ?? "";
    if (caption.length < 5) {
      return { kind: "stay", answers: { photos: [...photosOf(ctx), event.photo].slice(0, MAX_PHOTOS) }, note: ctx.t("complaint-photo-need-text") };
    }
    return { kind: "next", answers: { description: caption.slice(0, MAX_TEXT), photos: [...photosOf(ctx), event.photo].slice(0, MAX_PHOTOS) } };
  }
  const text = textOf(input)?.trim();
  if (text === undefined || text.startsWith("/")) return { kind: "invalid", message: ctx.t("complaint-need-description") };
  if (text.length < 5) return { kind: "invalid", message: ctx.t("input-too-short", { min: 5 }) };
  if (!REAL_WORDS.test(text)) return { kind: "invalid", message: ctx.t("complaint-need-words") };
  if (text.length > MAX_TEXT) return { kind: "invalid", message: ctx.t("input-too-long", { max: MAX_TEXT, length: text.length }) };
  return { kind: "next", answers: { description: text } };
}

/** When a similar open complaint exists nearby, remembers it so that the summary offers joining it. */
async function offerJoining(result: StepResult<ComplaintAnswers>, ctx: Context): Promise<StepResult<ComplaintAnswers>> {
  const text = result.kind === "next" ? result.answers.description : undefined;
  if (result.kind !== "next" || text === undefined) return result;
  const similar = await ctx.services.findSimilarReport({ category: ctx.answers.category ?? "", settlement: ctx.answers.settlement ?? "", text });
  return { ...result, answers: { ...result.answers, similarRef: similar?.ref, similarAt: similar?.createdAt, similarAffected: similar?.affected } };
}

/**
 * Complaint: category → settlement → description (text, or a photo with a caption) → optional
 * photos and location → contact (share, type, or stay anonymous) → consent when a phone was given
 * → summary with send and edit.
 */
export const complaintFlow: FlowDefinition<ComplaintAnswers> = {
  id: "complaint",
  version: 1,
  answers: complaintAnswersSchema,
  steps: [
    {
      id: "category",
      editLabel: "complaint-edit-category",
      prompt: (ctx) => ({
        text: ctx.t("complaint-ask-category"),
        choices: optionChoices(ctx.content.organisation.complaintCategories, ctx.locale),
        columns: 2,
      }),
      accept: (input, ctx) => {
        if (input.kind === "choice" && ctx.content.organisation.complaintCategories.some((option) => option.id === input.value)) {
          return { kind: "next", answers: { category: input.value } };
        }
        return { kind: "invalid", message: ctx.t("input-use-buttons") };
      },
    },
    placeStep<ComplaintAnswers>("settlement", "complaint-edit-settlement", "complaint-ask-settlement"),
    {
      id: "description",
      editLabel: "complaint-edit-description",
      prompt: (ctx) => ({ text: ctx.t("complaint-ask-description") }),
      accept: async (input, ctx) => offerJoining(acceptDescription(input, ctx), ctx),
    },
    {
      id: "attachments",
      prompt: (ctx) => {
        const note = attachmentsNote(ctx);
        return {
          text: note ? `${ctx.t("complaint-ask-attachments")}\n\n${ctx.t("complaint-attached", { what: note })}` : ctx.t("complaint-ask-attachments"),
          choices: [{ value: "done", label: ctx.t(note ? "button-continue" : "button-skip") }],
          request: "location",
        };
      },
      accept: (input, ctx) => {
        if (input.kind === "choice" && input.value === "done") return { kind: "next", answers: { attachmentsDone: true } };
        const event = eventOf(input);
        if (event?.kind === "photo") {
          const photos = photosOf(ctx);
          if (photos.length >= MAX_PHOTOS) return { kind: "stay", answers: {}, note: ctx.t("complaint-photo-limit", { max: MAX_PHOTOS }) };
          return { kind: "stay", answers: { photos: [...photos, event.photo] }, note: ctx.t("complaint-photo-received") };
        }
        if (event?.kind === "location") {
          return { kind: "stay", answers: { location: { latitude: event.latitude, longitude: event.longitude } }, note: ctx.t("complaint-location-received") };
        }
        return { kind: "invalid", message: ctx.t("complaint-attachments-hint") };
      },
    },
    {
      id: "contact",
      editLabel: "complaint-edit-contact",
      prompt: (ctx) => ({
        text: ctx.t("complaint-ask-contact"),
        choices: [
          ...(ctx.resident.phone ? [{ value: "saved", label: ctx.t("button-use-saved-phone", { phone: ctx.resident.phone }) }] : []),
          { value: "anonymous", label: ctx.t("button-anonymous") },
        ],
        request: "contact",
      }),
      accept: (input, ctx) => acceptPhone(input, ctx, true),
    },
    {
      id: "consent",
      when: (answers) => answers.phone !== undefined && answers.anonymous !== true,
      prompt: (ctx) => ({
        text: ctx.t("consent-complaint"),
        choices: [
          { value: "yes", label: ctx.t("button-consent-yes") },
          { value: "no", label: ctx.t("button-consent-no-anonymous") },
        ],
      }),
      accept: (input, ctx) => {
        const answer = consentAnswer(input);
        if (answer === undefined) return { kind: "invalid", message: ctx.t("input-use-buttons") };
        return answer
          ? { kind: "next", answers: { consent: true } }
          : { kind: "next", answers: { consent: false, anonymous: true, phone: undefined, phoneName: undefined } };
      },
    },
  ],
  summary: (ctx) => {
    const lines = [
      ctx.t("summary-category", { value: optionLabel(ctx.content.organisation.complaintCategories, ctx.answers.category, ctx.locale) }),
      ctx.t("summary-settlement", { value: settlementSummary(ctx) }),
      ctx.t("summary-description", { value: ctx.answers.description ?? "" }),
    ];
    const attached = attachmentsNote(ctx);
    if (attached) lines.push(ctx.t("summary-attachments", { value: attached }));
    lines.push(ctx.t("summary-contact", { value: contactLine(ctx) }));
    if (ctx.answers.similarRef !== undefined) {
      // Only its public facts: the other resident's words are theirs.
      lines.push(
        "",
        ctx.t("complaint-similar-found", {
          ref: ctx.answers.similarRef,
          category: optionLabel(ctx.content.organisation.complaintCategories, ctx.answers.category, ctx.locale),
          place: settlementSummary(ctx),
          date: formatDay(ctx.answers.similarAt ?? Date.now(), ctx.content.organisation.timeZone, ctx.locale),
          count: ctx.answers.similarAffected ?? 1,
        }),
      );
    }
    return lines.join("\n");
  },
  summaryActions: (ctx) => (ctx.answers.similarRef !== undefined ? [{ id: "join", label: ctx.t("button-join-report", { ref: ctx.answers.similarRef }) }] : []),
  submit: async (ctx, action) => {
    const a = ctx.answers;
    if (action === "join" && a.similarRef !== undefined) {
      const joined = await ctx.services.joinReport(a.similarRef, a.description ?? "");
      if (joined) return reportDoneMessages(ctx, joined, "joined-complaint");
      // The report was closed meanwhile: file the resident's own instead.
    }
    const reached = await ctx.services.limitReached();
    if (reached) return limitReachedDraft(ctx, "complaint", reached);
    const phone = a.anonymous !== true && a.consent === true ? a.phone : undefined;
    const report = await ctx.services.fileReport({
      kind: "complaint",
      category: a.category ?? "",
      settlement: a.settlement ?? "",
      ...(a.settlementCode ? { settlementCode: a.settlementCode } : {}),
      text: a.description ?? "",
      photos: photosOf(ctx),
      ...(a.location ? { location: a.location } : {}),
      ...(phone !== undefined ? { contact: { phone, ...(a.phoneName !== undefined ? { name: a.phoneName } : {}) } } : {}),
    });
    return reportDoneMessages(ctx, report);
  },
};
