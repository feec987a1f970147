import type { IntentMatcher } from "../intents/matcher.js";
import type { Collection } from "../../storage/storage.js";
import type { Content } from "../content.js";
import type { Answers, FlowDefinition, FlowId, FlowState } from "../flows/flow.js";
import type { MessageArgs, Translator } from "../i18n.js";
import type { FollowUps } from "../organisers/followups.js";
import type { ProgrammeSearch } from "../programme/search.js";
import type { ReportRepository } from "../reports/reports.js";
import type { Resident } from "../residents.js";
import type { OutgoingMessage } from "../types.js";

/** A translator bound to the resident's locale. */
export type Translate = (key: string, args?: MessageArgs) => string;

/** What a feature handler answers; `undefined` hands the event on (to the flow in progress, or "button expired"). */
export type FeatureReply = OutgoingMessage[] | undefined;

/** The shared parts features work with; built once by the core. */
export interface FeatureServices {
  readonly content: Content;
  readonly translator: Translator;
  readonly search: ProgrammeSearch;
  /** The FAQ, small talk and taught answers, read before the programme search. */
  readonly intents: IntentMatcher;
  readonly reports: ReportRepository;
  readonly followUps: FollowUps;
  /** The last free-text question per resident, kept a day for "ask a person". */
  readonly pendingQuestions: Collection<string>;
}

/** One event's view for a feature handler: the resident (saved by the router afterwards) and the router's hand-offs. */
export interface FeatureContext {
  readonly resident: Resident;
  readonly t: Translate;
  /** The flow the resident is in, if any. */
  readonly flow: FlowState | undefined;
  /** True for a resident who is new, or came back after unsubscribing. */
  readonly fresh: boolean;
  readonly now: number;
  readonly services: FeatureServices;
  /** Starts a flow (with answers already known, optionally at a later step) and returns its first screen. */
  beginFlow(flow: FlowId, answers?: Answers, startAt?: string): Promise<OutgoingMessage[]>;
  /** Drops the flow in progress. */
  endFlow(): Promise<void>;
  /** The flow in progress's current screen again, or undefined outside a flow. */
  resumeFlow(): OutgoingMessage | undefined;
  /** Runs a resident command as if typed (e.g. a menu button). */
  command(name: string, args: string): Promise<OutgoingMessage[]>;
  /** The "continue …" label for the main menu while a flow can be resumed, in the resident's (current) locale. */
  resumeLabel(): string | undefined;
}

/** A resident command's handler; `args` is the text after the command. */
export type CommandHandler = (ctx: FeatureContext, args: string) => Promise<OutgoingMessage[]> | OutgoingMessage[];

/**
 * A namespace of button data owned by one feature: `bare` data is the name alone (`menu`), `args`
 * data is `name:…` (`status:C-1`), `both` accepts either (`prog`, `prog:s:1`).
 */
export interface ButtonNamespace {
  readonly name: string;
  readonly form: "bare" | "args" | "both";
  readonly handle: (ctx: FeatureContext, data: string) => Promise<FeatureReply> | FeatureReply;
}

/**
 * One resident-facing feature, in the spirit of a grammY Composer: what it answers to (commands,
 * button namespaces, typed menu words, free text) and the flows it runs. Registered in
 * `features/index.ts`; the registry refuses two owners of one command or namespace.
 */
export interface FeatureModule {
  readonly name: string;
  /** Resident commands by name (`/status` → `status`). */
  readonly commands?: Readonly<Record<string, CommandHandler>>;
  readonly buttons?: readonly ButtonNamespace[];
  /** Commands whose `words-<command>` locale list, typed alone, runs the command. */
  readonly words?: readonly string[];
  readonly flows?: readonly FlowDefinition[];
  /** Free text outside any flow (one feature only). */
  readonly text?: (ctx: FeatureContext, text: string) => Promise<OutgoingMessage[]>;
}
