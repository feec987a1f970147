import type { FeatureContext, FeatureServices } from "./features/feature.js";
import { menuMessage, menuRow, RESUME_DATA, resumeButton } from "./features/menu.js";
import type { FeatureRegistry } from "./features/registry.js";
import { FloodGuard } from "./flood.js";
import type { FlowState } from "./flows/flow.js";
import { withResumeButton } from "./flows/pause.js";
import { FLOW_NAMESPACE } from "./flows/runner.js";
import type { FlowSessions } from "./flows/sessions.js";
import type { Translator } from "./i18n.js";
import type { Resident, ResidentRepository } from "./residents.js";
import { parseCommand, resolveTypedButton } from "./typed-buttons.js";
import { residentKey, type IncomingEvent, type Locale, type OutgoingMessage, type ResidentRef } from "./types.js";

/** Organisers' commands: they work only in the organisers' Telegram group, never in a resident's chat. */
const ORGANISER_COMMANDS = new Set(["ban", "unban", "stats", "export", "broadcast", "link", "summary"]);

/** How stale `lastSeenAt` may get before a press updates it. */
const LAST_SEEN_STEP_MS = 60_000;

/** Screens "back" out of a form can show again: programme sections and items, the menu. */
const REPLAYABLE = /^(prog(:[si]:[\w.-]+)?|menu)$/;

/** Hints a transport can give about the sender (their messenger's language). */
export interface EventHints {
  readonly languageCode?: string;
}

/** What the router needs. */
export interface RouterOptions {
  readonly registry: FeatureRegistry;
  readonly residents: ResidentRepository;
  readonly sessions: FlowSessions;
  readonly services: FeatureServices;
  readonly translator: Translator;
  readonly defaultLocale: Locale;
  readonly now: () => number;
  /** Events one resident may send per window before being asked to slow down. */
  readonly flood: { readonly limit: number; readonly windowMs: number };
}

/**
 * Routes one resident's event to the feature that owns it: a command, a button's namespace, the
 * flow in progress, or free text. Loads and saves the resident around it; holds no feature logic.
 */
export class Router {
  private readonly flood: FloodGuard;

  constructor(private readonly options: RouterOptions) {
    this.flood = new FloodGuard(options.flood);
  }

  /** Handles one event from one resident and returns the messages to show them, in order. */
  async handle(ref: ResidentRef, event: IncomingEvent, hints: EventHints = {}): Promise<OutgoingMessage[]> {
    const { residents, translator, registry } = this.options;
    const now = this.options.now();
    const hinted = hints.languageCode?.slice(0, 2);
    const initialLocale: Locale = hinted === "en" ? "en" : this.options.defaultLocale;
    // A flood from one resident slows that resident only: they are told once, then ignored a while.
    const flooding = event.kind === "unsubscribed" ? "ok" : this.flood.check(residentKey(ref), now);
    if (flooding === "drop") return [];
    const { resident, created } = await residents.getOrCreate(ref, { locale: initialLocale, now });
    if (resident.banned) return [];
    if (flooding === "warn") return [{ text: translator.t(resident.locale, "flood-slow-down") }];
    // To the minute (it counts residents not seen for a day): a press that changes nothing else writes nothing.
    if (now - resident.lastSeenAt >= LAST_SEEN_STEP_MS) resident.lastSeenAt = now;
    if (event.kind === "unsubscribed") {
      resident.unsubscribed = true;
      await residents.save(resident);
      return [];
    }
    const wasUnsubscribed = resident.unsubscribed === true;
    resident.unsubscribed = false;
    const typed = resolveTypedButton(resident, event, registry, (key) => translator.t(resident.locale, key));
    const messages = await this.dispatch(resident, typed, created || wasUnsubscribed);
    if (typed.kind === "choice" && REPLAYABLE.test(typed.data)) resident.lastScreen = typed.data;
    else if (typed.kind !== "choice" || !typed.data.startsWith(`${FLOW_NAMESPACE}:`)) delete resident.lastScreen;
    const buttons = messages.flatMap((message) => [
      ...(message.buttons ?? []).flat(),
      ...(message.request ? [{ label: message.request.label, data: "" }] : []),
    ]);
    if (buttons.length > 0) resident.lastButtons = buttons.filter((button) => button.data !== "").map((button) => ({ label: button.label, data: button.data }));
    await residents.save(resident);
    return messages;
  }

  private async dispatch(resident: Resident, event: IncomingEvent, fresh: boolean): Promise<OutgoingMessage[]> {
    const { registry, sessions } = this.options;
    let state = await sessions.current(resident);
    const ctx = this.context(resident, state, fresh);
    const t = ctx.t;

    if (event.kind === "start") return ctx.command("start", event.payload ?? "", fresh);
    if (event.kind === "text" && event.text.trim().startsWith("/")) {
      const command = parseCommand(event.text);
      const handler = command ? registry.command(command.name) : undefined;
      if (command && handler) return this.pausing(resident, state, ctx, await handler(ctx, command.args));
      if (command && ORGANISER_COMMANDS.has(command.name)) return menuMessage(t("organisers-only"), t);
      if (!state) return menuMessage(t("unknown-command"), t);
    }
    if (event.kind === "choice") {
      const intoForm = event.data === RESUME_DATA || event.data.startsWith(`${FLOW_NAMESPACE}:`);
      if (intoForm && state?.paused) state = await sessions.setPaused(resident, state, false);
      const reply = await registry.button(event.data)?.handle(ctx, event.data);
      if (reply) return intoForm ? reply : this.pausing(resident, state, ctx, reply);
    }
    if (state?.paused) return this.whilePaused(ctx, event);
    if (event.kind === "unsupported") {
      const note = t("unsupported-input", { what: t(`unsupported-${event.what}`) });
      return state ? [sessions.prompt(resident, state, note)] : menuMessage(note, t);
    }
    if (state) {
      const outcome = await sessions.advance(resident, state, event);
      if (outcome.backOut) return this.backTo(ctx, state.origin);
      return outcome.cancelled ? menuMessage(t("cancelled"), t) : outcome.messages;
    }
    if (event.kind === "text") return (await registry.text(ctx, event.text)) ?? menuMessage(t("unknown-command"), t);
    if (event.kind === "choice") return menuMessage(t("button-expired"), t);
    return menuMessage(t("not-in-flow", { what: t(`input-kind-${event.kind}`) }), t);
  }

  /** "Back" on a form's first step: the screen it was started from (a programme section or item), else the menu. */
  private async backTo(ctx: FeatureContext, origin: string | undefined): Promise<OutgoingMessage[]> {
    const screen = origin && REPLAYABLE.test(origin) ? await this.options.registry.button(origin)?.handle({ ...ctx, flow: undefined }, origin) : undefined;
    return screen ?? menuMessage(ctx.t("menu-text"), ctx.t);
  }

  /**
   * After a command or a non-form button while a resumable form was open (and still is): pauses it,
   * and makes sure the reply offers "▶️ continue".
   */
  private async pausing(resident: Resident, before: FlowState | undefined, ctx: FeatureContext, reply: OutgoingMessage[]): Promise<OutgoingMessage[]> {
    const label = ctx.resumeLabel();
    if (!before || label === undefined) return reply;
    const after = await this.options.sessions.current(resident);
    if (!after || after.flow !== before.flow || after.startedAt !== before.startedAt) return reply;
    if (!after.paused) await this.options.sessions.setPaused(resident, after, true);
    return withResumeButton(reply, resumeButton(label));
  }

  /** While the form is paused: typed text is answered as a question, anything else gets the reminder; both with "▶️ continue". */
  private async whilePaused(ctx: FeatureContext, event: IncomingEvent): Promise<OutgoingMessage[]> {
    const { t } = ctx;
    const label = ctx.resumeLabel() ?? t("nav-resume");
    const reminder: OutgoingMessage = { text: t("flow-paused-reminder", { resume: label }), buttons: [[resumeButton(label)], menuRow(t)] };
    if (event.kind === "text") return [...((await this.options.registry.text(ctx, event.text)) ?? []), reminder];
    if (event.kind === "unsupported") return [{ ...reminder, text: `${t("unsupported-input", { what: t(`unsupported-${event.what}`) })}\n\n${reminder.text}` }];
    return [reminder];
  }

  private context(resident: Resident, flow: FlowState | undefined, fresh: boolean): RoutedContext {
    const { registry, sessions, translator } = this.options;
    const t: FeatureContext["t"] = (key, args) => translator.t(resident.locale, key, args);
    const ctx: RoutedContext = {
      resident,
      t,
      flow,
      fresh,
      now: this.options.now(),
      services: this.options.services,
      beginFlow: (id, answers = {}, startAt) => sessions.begin(resident, id, answers, startAt),
      endFlow: () => sessions.end(resident),
      resumeFlow: () => (flow ? sessions.prompt(resident, flow) : undefined),
      resumeLabel: () => {
        if (!flow || registry.flow(flow.flow)?.resumable === false) return undefined;
        return translator.t(resident.locale, `resume-${flow.flow}`);
      },
      // A command run from a button is never a first contact.
      command: async (name, args, asFresh = false) => {
        const handler = registry.command(name);
        return handler ? handler(asFresh === fresh ? ctx : this.context(resident, flow, asFresh), args) : menuMessage(t("unknown-command"), t);
      },
    };
    return ctx;
  }
}

/** The router's own context: its `command` may also run a command for a first contact (/start). */
interface RoutedContext extends FeatureContext {
  command(name: string, args: string, fresh?: boolean): Promise<OutgoingMessage[]>;
}
