import type { z } from "zod";
import type { Content, ContentOption } from "../content.js";
import type { MessageArgs } from "../i18n.js";
import type { NewReport, Report } from "../reports/reports.js";
import type { Resident } from "../residents.js";
import type { IncomingEvent, Locale, OutgoingMessage } from "../types.js";

/** The flows residents can be in. Each is declared once, as data, in its own file. */
export type FlowId = "complaint" | "volunteer" | "question" | "reply" | "forget";

/**
 * What a resident answered so far, as stored. Each flow narrows it with its own zod schema
 * ({@link FlowDefinition.answers}); a stored state that does not parse is discarded.
 */
export type Answers = Record<string, unknown>;

/**
 * A resident's place in a flow, stored explicitly so it survives restarts and deploys and can be
 * inspected. `version` is the flow definition's version: a stored state from an incompatible
 * older definition is discarded with an apology instead of misread.
 */
export interface FlowState {
  flow: FlowId;
  step: string;
  answers: Answers;
  /** Steps visited, for "back". */
  history: string[];
  /** True while changing one answer from the summary: the next accepted answer returns there. */
  editing: boolean;
  version: number;
  startedAt: number;
  /**
   * True after a command or a menu button took the resident out of the form: free text is then
   * answered as a question (with a reminder), and goes into the form only after they resume.
   */
  paused?: boolean;
  /** The screen the resident started the form from (see Resident.lastScreen): "back" on the first step returns there. */
  origin?: string;
}

/** What flows can do when they finish. Implemented by the core, so flows hold no storage code. */
export interface FlowServices {
  /** Files a complaint or question; the card goes to the organisers through the outbox. */
  fileReport(fields: Omit<NewReport, "resident" | "source">): Promise<Report>;
  /** Files a sign-up, or updates this resident's (or this phone's) earlier one. */
  /** Whether the resident reached a cap on reports (per 24 hours, or open at once); undefined while they may file. */
  limitReached(): Promise<{ limit: "day" | "open"; count: number } | undefined>;
  /** Files a sign-up or updates the resident's own; `phoneVerified`: the messenger vouched the phone is theirs. */
  fileVolunteer(fields: Omit<NewReport, "resident" | "source" | "kind">, phoneVerified: boolean): Promise<{ report: Report; updated: boolean }>;
  /** Sends the resident's answer to the organisers, under the card of `ref`. */
  replyToOrganisers(ref: string, text: string): Promise<boolean>;
  /** Deletes everything personal stored about the resident (/forget). */
  forgetResident(): Promise<void>;
  /**
   * An open complaint about the same problem in the same place, to offer joining instead of a new
   * one: only what is public about it (reference, when, how many residents), never its words.
   */
  findSimilarReport(draft: { category: string; settlement: string; text: string }): Promise<{ ref: string; createdAt: number; affected: number } | undefined>;
  /** Adds the resident to an open report as a follower; undefined when it can no longer be joined. */
  joinReport(ref: string, text: string): Promise<Report | undefined>;
}

/** Everything a step needs to talk to the resident; `answers` are the flow's typed answers so far. */
export interface StepContext<A extends Answers = Answers> {
  readonly resident: Resident;
  readonly locale: Locale;
  readonly answers: A;
  readonly content: Content;
  readonly t: (key: string, args?: MessageArgs) => string;
  readonly services: FlowServices;
}

/** One button of a step; its value comes back in {@link StepInput}. */
export interface StepChoice {
  readonly value: string;
  readonly label: string;
}

/** What a step shows. Navigation (back, cancel) is added by the runner. */
export interface StepPrompt {
  readonly text: string;
  readonly choices?: readonly StepChoice[];
  /** Choices per row (default 1; short labels read better two per row). */
  readonly columns?: number;
  readonly request?: "contact" | "location";
}

/** The input a step receives: a pressed choice's value, or the raw event. */
export type StepInput = { readonly kind: "choice"; readonly value: string } | { readonly kind: "event"; readonly event: IncomingEvent };

/**
 * The outcome of a step: store `answers` (merged) and go on; stay on the step (e.g. a multi-select
 * toggle) with an optional note; or refuse with a message that says what to send instead.
 */
export type StepResult<A extends Answers = Answers> =
  | { readonly kind: "next"; readonly answers: Partial<A>; readonly note?: string }
  | { readonly kind: "stay"; readonly answers: Partial<A>; readonly note?: string }
  | { readonly kind: "invalid"; readonly message: string };

/** One step of a flow, reading and returning the flow's typed answers `A`. */
export interface FlowStep<A extends Answers = Answers> {
  readonly id: string;
  /** Locale key naming this answer on the summary's "edit" menu; absent = not editable. */
  readonly editLabel?: string;
  /** Whether the step applies given the answers so far (default: always). */
  when?(answers: A): boolean;
  prompt(ctx: StepContext<A>): StepPrompt;
  accept(input: StepInput, ctx: StepContext<A>): StepResult<A> | Promise<StepResult<A>>;
}

/**
 * A flow: ordered steps, a summary with send/edit, and what sending does. `answers` is the schema
 * of everything the steps store (each field optional until its step ran); the runner only hands
 * steps answers that parsed with it. Handlers are methods so that a typed flow is also a
 * `FlowDefinition` of plain {@link Answers} for the runner.
 */
export interface FlowDefinition<A extends Answers = Answers> {
  readonly id: FlowId;
  readonly version: number;
  readonly answers: z.ZodType<A>;
  readonly steps: readonly FlowStep<A>[];
  /** Whether the flow ends with a summary and "send"/"edit" (default true). */
  readonly confirm?: boolean;
  /** Whether the main menu offers to continue it (`resume-<id>` in the locale; default true). */
  readonly resumable?: boolean;
  summary(ctx: StepContext<A>): string;
  /** Other ways to send, offered above "send" on the summary (e.g. join a similar report instead). */
  summaryActions?(ctx: StepContext<A>): readonly { readonly id: string; readonly label: string }[];
  /** Runs on "send" (`action` set when one of {@link summaryActions} was chosen): stores what was collected and returns what the resident sees next. */
  submit(ctx: StepContext<A>, action?: string): Promise<OutgoingMessage[]>;
}

/** Helper for steps that pick from a content list (categories, ways to help). */
export function optionChoices(options: readonly ContentOption[], locale: Locale): StepChoice[] {
  return options.map((option) => ({ value: option.id, label: option.label[locale] }));
}

/** The label of a content option by id, or the id itself when it is unknown. */
export function optionLabel(options: readonly ContentOption[], id: string | undefined, locale: Locale): string {
  return options.find((option) => option.id === id)?.label[locale] ?? id ?? "";
}
