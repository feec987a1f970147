import parsePhoneNumberFromString from "libphonenumber-js/min";
import { z } from "zod";
import type { IncomingEvent } from "../types.js";
import type { StepContext, StepInput, StepResult } from "./flow.js";

/** Longest free text a resident may send in one answer. Longer text is refused with advice. */
export const MAX_TEXT = 2000;

/** A settlement or hromada name: letters, spaces, dashes, apostrophes, dots and digits. */
export const settlementSchema = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[\p{L}\p{M}\d\s'’ʼ`.,()-]+$/u);

/** A person's name as they want to be addressed. */
export const nameSchema = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[\p{L}\p{M}\s'’ʼ`.-]+$/u);

/**
 * Validates a phone number and normalises it to E.164. Numbers without a country code are read as
 * Ukrainian (`067 123 45 67` → `+380671234567`). Undefined when it is not a valid number.
 */
export function normalisePhone(raw: string): string | undefined {
  const cleaned = raw.trim();
  if (!/^[+\d\s()-]{6,25}$/.test(cleaned)) return undefined;
  const digits = cleaned.replace(/[^\d+]/g, "");
  const withPlus = digits.startsWith("380") ? `+${digits}` : digits;
  const parsed = parsePhoneNumberFromString(withPlus, "UA");
  if (!parsed || !parsed.isValid()) return undefined;
  return parsed.number;
}

/** The text of a text message, or undefined for any other input. */
export function textOf(input: StepInput): string | undefined {
  return input.kind === "event" && input.event.kind === "text" ? input.event.text : undefined;
}

/** The event behind the input, when it was not a button press. */
export function eventOf(input: StepInput): IncomingEvent | undefined {
  return input.kind === "event" ? input.event : undefined;
}

/** The answers a contact step stores (see {@link acceptPhone}). */
export const phoneAnswersSchema = z.object({
  /** E.164. */
  phone: z.string().optional(),
  /** The name the messenger gave with a shared contact. */
  phoneName: z.string().optional(),
  anonymous: z.boolean().optional(),
  /** The messenger vouched that `phone` is the resident's own (a shared contact of their account). */
  phoneVerified: z.boolean().optional(),
});
/** The answers of a contact step. */
export type PhoneAnswers = z.infer<typeof phoneAnswersSchema>;

/** Accepts free text within `min`..{@link MAX_TEXT} characters into `answers[key]`. */
export function acceptText<K extends string>(input: StepInput, ctx: StepContext, key: K, min = 2): StepResult<Record<K, string>> {
  const text = textOf(input)?.trim();
  if (text === undefined) return { kind: "invalid", message: ctx.t("input-need-text") };
  if (text.startsWith("/")) return { kind: "invalid", message: ctx.t("input-need-text") };
  if (text.length < min) return { kind: "invalid", message: ctx.t("input-too-short", { min }) };
  if (text.length > MAX_TEXT) return { kind: "invalid", message: ctx.t("input-too-long", { max: MAX_TEXT, length: text.length }) };
  const answers: Partial<Record<K, string>> = {};
  answers[key] = text;
  return { kind: "next", answers };
}

/**
 * Accepts a phone shared with the messenger's button, a typed phone, or (when `allowAnonymous`)
 * the "anonymous" choice. Stores `phone` (E.164), `phoneName` and `anonymous`.
 */
export function acceptPhone(input: StepInput, ctx: StepContext, allowAnonymous: boolean): StepResult<PhoneAnswers> {
  if (input.kind === "choice") {
    if (input.value === "anonymous" && allowAnonymous)
      return { kind: "next", answers: { anonymous: true, phone: undefined, phoneName: undefined, phoneVerified: false } };
    if (input.value === "saved" && ctx.resident.phone) return { kind: "next", answers: { anonymous: false, phone: ctx.resident.phone, phoneVerified: false } };
    return { kind: "invalid", message: ctx.t("phone-invalid") };
  }
  const event = input.event;
  if (event.kind === "contact") {
    const phone = normalisePhone(event.phone);
    if (!phone) return { kind: "invalid", message: ctx.t("phone-invalid") };
    if (!event.own) return { kind: "invalid", message: ctx.t("phone-not-own") };
    return { kind: "next", answers: { anonymous: false, phone, phoneName: event.name, phoneVerified: event.verified === true } };
  }
  if (event.kind === "text") {
    const phone = normalisePhone(event.text);
    if (!phone) return { kind: "invalid", message: ctx.t("phone-invalid") };
    return { kind: "next", answers: { anonymous: false, phone, phoneVerified: false } };
  }
  return { kind: "invalid", message: ctx.t("phone-invalid") };
}

/** A yes/no consent step's input: true, false, or undefined when it was neither. */
export function consentAnswer(input: StepInput): boolean | undefined {
  if (input.kind !== "choice") return undefined;
  if (input.value === "yes") return true;
  if (input.value === "no") return false;
  return undefined;
}
