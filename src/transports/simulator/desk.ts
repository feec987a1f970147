import { cardForTerminal, type App, type OrganisersSink } from "../../app.js";
import { parsePeriod } from "../../core/organisers/period.js";
import { buildStats, statsAsText } from "../../core/organisers/stats.js";
import { canMove, parseRef, type ReportStatus } from "../../core/reports/reports.js";
import type { Locale } from "../../core/types.js";

/** A button on a card in the simulated organisers' group: `g<number>` presses it. */
interface GroupButton {
  readonly ref: string;
  readonly status: ReportStatus;
}

const LINE = "──────────────────────────────────";

/**
 * The organisers' side of the simulator: cards printed with their status buttons (`g1`, `g2` ...,
 * numbered apart from the resident's buttons, and still working after newer cards arrive), a
 * rejection reason asked for on the next line, and `/stats` as the group would show it.
 */
export class SimulatedGroup {
  private readonly buttons = new Map<number, GroupButton>();
  private rejecting: string | undefined;
  private app: App | undefined;

  constructor(
    private readonly locale: Locale,
    private readonly write: (text: string) => void,
  ) {}

  /** Connects the running app, whose reports the cards show. */
  attach(app: App): void {
    this.app = app;
  }

  private t(key: string, args?: Record<string, string | number>): string {
    return this.app?.translator.t(this.locale, key, args) ?? key;
  }

  /** What the app hands to the organisers' group. */
  readonly sink: OrganisersSink = {
    deliverCard: async (ref) => {
      const app = this.app;
      const card = app ? await cardForTerminal(app, ref, this.locale) : undefined;
      const report = app ? await app.core.reports.get(ref) : undefined;
      const statuses: ReportStatus[] = report ? (["in_progress", "resolved", "rejected"] as const).filter((status) => canMove(report.status, status)) : [];
      const row = statuses.map((status) => {
        const number = this.buttons.size + 1;
        this.buttons.set(number, { ref, status });
        const key = status === "in_progress" && report?.status !== "new" ? "card-button-reopen" : `card-button-${status}`;
        return `[g${number}] ${this.t(key)}`;
      });
      const hint = report ? `\n  (reply to the resident: :reply ${ref} your text)` : "";
      this.write(`\n──── to the organisers' group ────\n${card ?? ref}${row.length > 0 ? `\n  ${row.join("   ")}` : ""}${hint}\n${LINE}`);
    },
    deliverNote: async (ref, key, args) => {
      this.write(`\n──── to the organisers' group${ref ? ` (under ${ref})` : ""} ────\n${this.t(key, args)}\n${LINE}`);
    },
  };

  /** Handles a line meant for the organisers' side; false when the line is not theirs. */
  async handle(line: string): Promise<boolean> {
    const app = this.app;
    if (!app) return false;
    if (this.rejecting) {
      const ref = this.rejecting;
      this.rejecting = undefined;
      await this.changeStatus(app, ref, "rejected", line);
      return true;
    }
    const pressed = /^g(\d+)$/i.exec(line);
    if (pressed) {
      const button = this.buttons.get(Number(pressed[1]));
      if (!button) {
        this.write(`(no organisers' button ${line}; they are numbered g1-g${this.buttons.size})`);
        return true;
      }
      if (button.status === "rejected") {
        this.rejecting = button.ref;
        this.write(`(organisers) ${this.t("group-ask-reject-reason", { ref: button.ref })}\n(type the reason on the next line)`);
        return true;
      }
      await this.changeStatus(app, button.ref, button.status);
      return true;
    }
    const stats = /^\/stats(?:\s+([\s\S]*))?$/.exec(line);
    if (stats) {
      const words = (key: string) =>
        this.t(key)
          .split(",")
          .map((word) => word.trim().toLowerCase())
          .filter(Boolean);
      const period = parsePeriod(stats[1] ?? "", { kind: "days", days: 7 }, { today: words("words-period-today"), all: words("words-period-all") });
      if (!period) this.write(`(organisers) ${this.t("stats-usage")}`);
      else {
        const view = await buildStats(
          { reports: app.core.reports, residents: app.core.residents, content: app.content },
          period,
          Date.now(),
          this.locale,
          (key, args) => this.t(key, args),
        );
        this.write(`\n──── /stats in the organisers' group ────\n${statsAsText(view)}\n${LINE}`);
      }
      return true;
    }
    return false;
  }

  private async changeStatus(app: App, ref: string, status: ReportStatus, reason?: string): Promise<void> {
    const canonical = parseRef(ref) ?? ref;
    const result = await app.core.actions.changeStatus(canonical, status, undefined, reason);
    if (result.ok) this.write(`(${canonical} is now ${status})`);
    else if (result.reason === "needs-reason") this.write(`(organisers) ${this.t("group-needs-reason", { ref: canonical })}`);
    else this.write(`(not changed: ${result.reason})`);
  }
}
