import type { Button, IncomingEvent, OutgoingMessage } from "../types.js";
import type { FlowDefinition, FlowState, FlowStep, StepContext, StepInput, StepPrompt } from "./flow.js";

/** The button-data namespace of flow buttons: `f:<step>:<value>` for choices, `f:<action>` for navigation. */
export const FLOW_NAMESPACE = "f";
const PREFIX = `${FLOW_NAMESPACE}:`;
const SUMMARY = "summary";
const EDIT_MENU = "edit-menu";
/** "Discard what you filled in?": asked before a finished summary is thrown away. */
const DISCARD = "discard";

/** What the runner decided: the new state (undefined when the flow ended) and what to show. */
export interface FlowOutcome {
  readonly state: FlowState | undefined;
  readonly messages: OutgoingMessage[];
  /** True when the resident cancelled. */
  readonly cancelled?: boolean;
  /** True when they left by "back" on the first step: they return to where they came from. */
  readonly backOut?: boolean;
}

function isFlowData(data: string): boolean {
  return data.startsWith(PREFIX);
}

function rows(buttons: readonly Button[], columns: number): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += columns) out.push(buttons.slice(i, i + columns));
  return out;
}

/** Back and cancel; a step with its own "no" choice (value `no`) shows no cancel as well: one "no" per step. */
function navigation(ctx: StepContext, ownNo = false): Button[] {
  const back = { label: ctx.t("nav-back"), data: `${PREFIX}back` };
  return ownNo ? [back] : [back, { label: ctx.t("nav-cancel"), data: `${PREFIX}cancel` }];
}

function render(step: FlowStep, prompt: StepPrompt, ctx: StepContext, note?: string): OutgoingMessage {
  const choices = (prompt.choices ?? []).map((choice) => ({ label: choice.label, data: `${PREFIX}${step.id}:${choice.value}` }));
  const text = note ? `${note}\n\n${prompt.text}` : prompt.text;
  return {
    text,
    buttons: [
      ...rows(choices, prompt.columns ?? 1),
      navigation(
        ctx,
        (prompt.choices ?? []).some((choice) => choice.value === "no"),
      ),
    ],
    ...(prompt.request
      ? { request: { kind: prompt.request, label: ctx.t(prompt.request === "contact" ? "button-share-phone" : "button-share-location") } }
      : {}),
  };
}

function stepById(def: FlowDefinition, id: string): FlowStep | undefined {
  return def.steps.find((step) => step.id === id);
}

function nextStepId(def: FlowDefinition, after: string | undefined, ctx: StepContext): string {
  const start = after === undefined ? 0 : def.steps.findIndex((step) => step.id === after) + 1;
  for (const step of def.steps.slice(start)) {
    if (!step.when || step.when(ctx.answers)) return step.id;
  }
  return SUMMARY;
}

function summaryMessage(def: FlowDefinition, ctx: StepContext): OutgoingMessage {
  return {
    title: ctx.t("summary-title"),
    text: def.summary(ctx),
    buttons: [
      ...(def.summaryActions?.(ctx) ?? []).map((action) => [{ label: action.label, data: `${PREFIX}send:${action.id}` }]),
      [{ label: ctx.t("button-send"), data: `${PREFIX}send` }],
      [
        { label: ctx.t("button-edit"), data: `${PREFIX}edit` },
        { label: ctx.t("nav-cancel"), data: `${PREFIX}cancel` },
      ],
    ],
  };
}

function editMenu(def: FlowDefinition, ctx: StepContext): OutgoingMessage {
  const editable = def.steps.filter((step) => step.editLabel && (!step.when || step.when(ctx.answers)));
  return {
    text: ctx.t("edit-which"),
    buttons: [
      ...editable.map((step) => [{ label: ctx.t(step.editLabel ?? step.id), data: `${PREFIX}edit:${step.id}` }]),
      [{ label: ctx.t("nav-back"), data: `${PREFIX}back` }],
    ],
  };
}

function discardQuestion(ctx: StepContext): OutgoingMessage {
  return {
    text: ctx.t("discard-confirm"),
    buttons: [[{ label: ctx.t("button-discard-yes"), data: `${PREFIX}discard` }], [{ label: ctx.t("button-discard-no"), data: `${PREFIX}back` }]],
  };
}

/** Shows the state's current step (or summary) again, e.g. after "resume" or a stray message. */
export function promptFor(def: FlowDefinition, state: FlowState, ctx: StepContext, note?: string): OutgoingMessage {
  if (state.step === SUMMARY) {
    const summary = summaryMessage(def, ctx);
    return note ? { ...summary, text: `${note}\n\n${summary.text}` } : summary;
  }
  if (state.step === EDIT_MENU) return editMenu(def, ctx);
  if (state.step === DISCARD) return discardQuestion(ctx);
  const step = stepById(def, state.step);
  if (!step) return summaryMessage(def, ctx);
  return render(step, step.prompt(ctx), ctx, note);
}

/** Starts `def` with optional answers already known (e.g. a question typed before). */
export function startFlow(def: FlowDefinition, ctx: StepContext, now: number, startAt?: string): FlowOutcome {
  const step = startAt ?? nextStepId(def, undefined, ctx);
  const state: FlowState = { flow: def.id, step, answers: { ...ctx.answers }, history: [], editing: false, version: def.version, startedAt: now };
  return { state, messages: [promptFor(def, state, ctx)] };
}

function moveTo(def: FlowDefinition, state: FlowState, ctx: StepContext, step: string, note?: string): FlowOutcome {
  const next: FlowState = { ...state, step, history: [...state.history, state.step] };
  return { state: next, messages: [promptFor(def, next, ctx, note)] };
}

/**
 * Feeds one event to the flow the resident is in. Handles back, cancel, edit and send for every
 * flow; the step itself validates its input and says what to send instead when it is wrong.
 */
export async function advanceFlow(
  def: FlowDefinition,
  state: FlowState,
  event: IncomingEvent,
  makeContext: (answers: FlowState["answers"]) => StepContext,
): Promise<FlowOutcome> {
  const ctx = makeContext(state.answers);
  const data = event.kind === "choice" && isFlowData(event.data) ? event.data.slice(PREFIX.length) : undefined;

  if (data === "cancel" && state.step === SUMMARY && def.confirm !== false) return moveTo(def, state, ctx, DISCARD);
  if (data === "cancel" || (data === "discard" && state.step === DISCARD)) return { state: undefined, messages: [], cancelled: true };
  if (data === "back") {
    const previous = state.history.at(-1);
    if (previous === undefined) return { state: undefined, messages: [], cancelled: true, backOut: true };
    const back: FlowState = { ...state, step: previous, history: state.history.slice(0, -1), editing: false };
    return { state: back, messages: [promptFor(def, back, ctx)] };
  }
  if (state.step === SUMMARY) {
    if (data === "send" || data?.startsWith("send:")) {
      const messages = await def.submit(ctx, data === "send" ? undefined : data.slice("send:".length));
      return { state: undefined, messages };
    }
    if (data === "edit") return moveTo(def, state, ctx, EDIT_MENU);
    return { state, messages: [promptFor(def, state, ctx, ctx.t("summary-use-buttons"))] };
  }
  if (state.step === EDIT_MENU) {
    const target = data?.startsWith("edit:") ? stepById(def, data.slice("edit:".length)) : undefined;
    if (!target) return { state, messages: [editMenu(def, ctx)] };
    const editing: FlowState = { ...state, step: target.id, history: [...state.history, state.step], editing: true };
    return { state: editing, messages: [promptFor(def, editing, ctx)] };
  }

  const step = stepById(def, state.step);
  if (!step) return { state: { ...state, step: SUMMARY }, messages: [summaryMessage(def, ctx)] };

  let input: StepInput;
  if (data !== undefined) {
    const colon = data.indexOf(":");
    const stepId = colon < 0 ? data : data.slice(0, colon);
    if (stepId !== step.id || colon < 0) {
      return { state, messages: [promptFor(def, state, ctx, ctx.t("flow-old-button"))] };
    }
    input = { kind: "choice", value: data.slice(colon + 1) };
  } else {
    input = { kind: "event", event };
  }

  const result = await step.accept(input, ctx);
  if (result.kind === "invalid") {
    return { state, messages: [promptFor(def, state, ctx, result.message)] };
  }
  const answers = { ...state.answers, ...result.answers };
  const updated: FlowState = { ...state, answers };
  const nextCtx = makeContext(answers);
  if (result.kind === "stay") {
    const screen = promptFor(def, updated, nextCtx, result.note);
    return { state: updated, messages: [input.kind === "choice" ? { ...screen, replacesPrevious: true } : screen] };
  }
  // While editing, go back to the summary unless a newly needed step (e.g. consent) comes first.
  const following = nextStepId(def, step.id, nextCtx);
  const destination = state.editing && !needsAnswer(def, following, state.history) ? SUMMARY : following;
  if (destination === SUMMARY && def.confirm === false) {
    const messages = await def.submit(nextCtx);
    return { state: undefined, messages: result.note ? [{ text: result.note }, ...messages] : messages };
  }
  const moved: FlowState = { ...updated, step: destination, history: [...state.history, state.step], editing: destination === SUMMARY ? false : state.editing };
  return { state: moved, messages: [promptFor(def, moved, nextCtx, result.note)] };
}

function needsAnswer(def: FlowDefinition, stepId: string, visited: readonly string[]): boolean {
  if (stepId === SUMMARY) return false;
  return stepById(def, stepId) !== undefined && !visited.includes(stepId);
}
