import { singleLine } from "../text.js";
import { z } from "zod";
import { placeLabel, placeMatcherFor } from "../places/index.js";
import type { FlowStep, StepChoice, StepContext, StepResult } from "./flow.js";
import { settlementSchema, textOf } from "./inputs.js";

/** What a settlement step stores: the place, its code when listed, and an offer the resident is choosing from. */
export const placeAnswersSchema = z.object({
  settlement: z.string().optional(),
  /** КАТОТТГ code of the settlement, when the resident picked a listed place. */
  settlementCode: z.string().optional(),
  /** What the resident typed, while they confirm or pick one of {@link placeOffer}. */
  placeTyped: z.string().optional(),
  /** Codes of the places offered for what they typed (none: not found). */
  placeOffer: z.array(z.string()).optional(),
});
/** The answers of a settlement step. */
export type PlaceAnswers = z.infer<typeof placeAnswersSchema>;

/** Letters in a name: "!!!!" or "123" is not a place. */
const LETTERS = /\p{L}.*\p{L}/u;
/** Longest typed text shown on the "keep as written" button. */
const KEEP_LABEL_LENGTH = 32;

function chosen<A extends PlaceAnswers>(settlement: string, code: string | undefined): StepResult<A> {
  const answers: PlaceAnswers = { settlement, settlementCode: code, placeTyped: undefined, placeOffer: undefined };
  return { kind: "next", answers: answers as Partial<A> };
}

function offerChoices(ctx: StepContext<PlaceAnswers>, typed: string, offer: readonly string[]): StepChoice[] {
  const matcher = placeMatcherFor(ctx.content);
  const places = offer.flatMap((code) => matcher.byCode(code) ?? []);
  const shown = typed.length > KEEP_LABEL_LENGTH ? `${typed.slice(0, KEEP_LABEL_LENGTH - 1)}…` : typed;
  const keep = { value: "keep", label: ctx.t("button-place-keep", { typed: shown }) };
  if (places.length === 1) return [{ value: `p:${places[0]?.code ?? ""}`, label: ctx.t("button-place-yes") }, keep];
  return [...places.map((place) => ({ value: `p:${place.code}`, label: ctx.t("place-option", { name: place.name, hromada: place.hromada.name }) })), keep];
}

/**
 * A settlement step (complaint, sign-up): typed text is matched against the oblast's places. The
 * current name of exactly one place is taken at once; a spelling that fits one place (a typo,
 * Russian or Latin letters, an old name) is confirmed with a button; several are offered with their
 * hromadas; "keep as written" is always there. Stores the name and, for a listed place, its code.
 */
export function placeStep<A extends PlaceAnswers>(id: string, editLabel: string, askKey: string): FlowStep<A> {
  return {
    id,
    editLabel,
    prompt: (ctx) => {
      const { placeTyped: typed, placeOffer: offer } = ctx.answers;
      if (typed === undefined || offer === undefined) {
        const last = ctx.resident.lastSettlement;
        return { text: ctx.t(askKey), choices: last ? [{ value: "last", label: `📍 ${last}` }] : [] };
      }
      const matcher = placeMatcherFor(ctx.content);
      const only = offer.length === 1 ? matcher.byCode(offer[0] ?? "") : undefined;
      const text = only
        ? ctx.t("place-confirm-one", { place: placeLabel(only, ctx.t) })
        : offer.length > 1
          ? ctx.t("place-choose-several", { typed })
          : ctx.t("place-not-found", { typed });
      return { text, choices: offerChoices(ctx, typed, offer) };
    },
    accept: (input, ctx) => {
      const matcher = placeMatcherFor(ctx.content);
      if (input.kind === "choice") {
        if (input.value === "last" && ctx.resident.lastSettlement) {
          const code = ctx.resident.lastSettlementCode;
          return chosen(ctx.resident.lastSettlement, code && matcher.byCode(code) ? code : undefined);
        }
        if (input.value === "keep" && ctx.answers.placeTyped) return chosen(ctx.answers.placeTyped, undefined);
        const code = input.value.startsWith("p:") ? input.value.slice(2) : "";
        const place = ctx.answers.placeOffer?.includes(code) ? matcher.byCode(code) : undefined;
        if (place) return chosen(place.name, place.code);
        return { kind: "invalid", message: ctx.t("input-use-buttons") };
      }
      const raw = textOf(input);
      if (raw === undefined) return { kind: "invalid", message: ctx.t("settlement-need-text") };
      const parsed = settlementSchema.safeParse(raw);
      if (!parsed.success || !LETTERS.test(parsed.data)) return { kind: "invalid", message: ctx.t("settlement-invalid") };
      // One line: a place can never start a new line on a button, a card or the summary.
      const typed = singleLine(parsed.data);
      const match = matcher.match(typed);
      if (match.kind === "one" && match.exact) return chosen(match.place.name, match.place.code);
      const offer = match.kind === "one" ? [match.place.code] : match.kind === "several" ? match.places.map((place) => place.code) : [];
      const answers: PlaceAnswers = { placeTyped: typed, placeOffer: offer };
      return { kind: "stay", answers: answers as Partial<A> };
    },
  };
}

/** The settlement as the summary shows it: with its hromada and raion when it is a listed place. */
export function settlementSummary(ctx: StepContext<PlaceAnswers>): string {
  const place = ctx.answers.settlementCode ? placeMatcherFor(ctx.content).byCode(ctx.answers.settlementCode) : undefined;
  return place ? placeLabel(place, ctx.t) : (ctx.answers.settlement ?? "");
}
