import type { Collection } from "../../storage/storage.js";
import type { Content } from "../content.js";
import type { Translator } from "../i18n.js";
import type { Resident } from "../residents.js";
import { residentKey, type IncomingEvent, type OutgoingMessage } from "../types.js";
import type { Answers, FlowDefinition, FlowId, FlowServices, FlowState, StepContext } from "./flow.js";
import { advanceFlow, promptFor, startFlow, type FlowOutcome } from "./runner.js";

/** Half-finished drafts are dropped after this long without activity. */
const DRAFT_TTL_MS = 14 * 24 * 3600 * 1000;

/** What flow sessions need. */
export interface FlowSessionsOptions {
  readonly store: Collection<FlowState>;
  readonly flow: (id: FlowId) => FlowDefinition | undefined;
  readonly content: Content;
  readonly translator: Translator;
  readonly now: () => number;
  /** What the flows' submit steps may do for this resident. */
  readonly services: (resident: Resident) => FlowServices;
}

/**
 * The residents' flows in progress: stored per resident, loaded with their definition's schema,
 * started, advanced and shown again. A stored state from an older definition version, older than
 * the draft lifetime, or whose answers do not parse is discarded, and the resident goes on as if
 * outside a flow (a flow button then says it has expired and shows the menu).
 */
export class FlowSessions {
  constructor(private readonly options: FlowSessionsOptions) {}

  /** The resident's flow in progress, with answers parsed by its schema, or undefined. */
  async current(resident: Resident): Promise<FlowState | undefined> {
    const key = residentKey(resident);
    const state = await this.options.store.get(key);
    if (!state) return undefined;
    const definition = this.options.flow(state.flow);
    const parsed = definition?.answers.safeParse(state.answers);
    if (!definition || !parsed?.success || definition.version !== state.version || this.options.now() - state.startedAt > DRAFT_TTL_MS) {
      await this.options.store.delete(key);
      return undefined;
    }
    return { ...state, answers: parsed.data };
  }

  /** Starts `flow` with answers already known (optionally at a later step) and returns its first screen. */
  async begin(resident: Resident, flow: FlowId, answers: Answers, startAt?: string): Promise<OutgoingMessage[]> {
    const outcome = startFlow(this.definition(flow), this.context(resident, answers), this.options.now(), startAt);
    if (outcome.state)
      await this.options.store.set(residentKey(resident), resident.lastScreen ? { ...outcome.state, origin: resident.lastScreen } : outcome.state);
    return outcome.messages;
  }

  /** Feeds one event to the flow the resident is in, and stores (or ends) the flow. */
  async advance(resident: Resident, state: FlowState, event: IncomingEvent): Promise<FlowOutcome> {
    const outcome = await advanceFlow(this.definition(state.flow), state, event, (answers) => this.context(resident, answers));
    if (outcome.state) {
      await this.options.store.set(residentKey(resident), outcome.state);
      const { settlement, settlementCode } = outcome.state.answers;
      if (typeof settlement === "string") {
        resident.lastSettlement = settlement;
        if (typeof settlementCode === "string") resident.lastSettlementCode = settlementCode;
        else delete resident.lastSettlementCode;
      }
    } else {
      await this.options.store.delete(residentKey(resident));
    }
    return outcome;
  }

  /** The state's current screen again, with an optional note above it. */
  prompt(resident: Resident, state: FlowState, note?: string): OutgoingMessage {
    return promptFor(this.definition(state.flow), state, this.context(resident, state.answers), note);
  }

  /** Pauses or resumes the resident's form (see {@link FlowState.paused}) and returns the stored state. */
  async setPaused(resident: Resident, state: FlowState, paused: boolean): Promise<FlowState> {
    const next: FlowState = { ...state };
    if (paused) next.paused = true;
    else delete next.paused;
    await this.options.store.set(residentKey(resident), next);
    return next;
  }

  /** Drops the resident's flow in progress. */
  async end(resident: Resident): Promise<void> {
    await this.options.store.delete(residentKey(resident));
  }

  private definition(id: FlowId): FlowDefinition {
    const definition = this.options.flow(id);
    if (!definition) throw new Error(`no feature registers the flow "${id}"`);
    return definition;
  }

  private context(resident: Resident, answers: Answers): StepContext {
    const { translator, content } = this.options;
    return {
      resident,
      locale: resident.locale,
      answers,
      content,
      t: (key, args) => translator.t(resident.locale, key, args),
      services: this.options.services(resident),
    };
  }
}
