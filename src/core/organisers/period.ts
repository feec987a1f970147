import { DAY_MS, startOfLocalDay } from "./time.js";

/** The periods /stats, /export and /summary know: today, the last 7 or 30 days, everything. */
export type Period = { readonly kind: "today" } | { readonly kind: "days"; readonly days: number } | { readonly kind: "all" };

/** The periods offered as buttons. */
export const PERIOD_BUTTONS: readonly Period[] = [{ kind: "today" }, { kind: "days", days: 7 }, { kind: "days", days: 30 }, { kind: "all" }];

/** Words organisers may type for "today" and "everything", from the locale files (`words-period-*`). */
export interface PeriodWords {
  readonly today: readonly string[];
  readonly all: readonly string[];
}

/**
 * Reads a period as an organiser types it: "" (the default), "today", a number of days (1-3650),
 * "all", or the words of `words` in the organisers' language. Undefined when it is none of these.
 */
export function parsePeriod(text: string, fallback: Period, words: PeriodWords = { today: [], all: [] }): Period | undefined {
  const value = text.trim().toLowerCase();
  if (value === "") return fallback;
  if (value === "today" || value === "0" || words.today.includes(value)) return { kind: "today" };
  if (value === "all" || words.all.includes(value)) return { kind: "all" };
  if (/^\d{1,4}$/.test(value)) {
    const days = Number(value);
    if (days >= 1 && days <= 3650) return { kind: "days", days };
  }
  return undefined;
}

/** A period as button data and as it is typed: "today", "7", "all". */
export function periodId(period: Period): string {
  return period.kind === "days" ? String(period.days) : period.kind;
}

/** When a period starts, at `now`, in the organisation's time zone (0 for "all"). */
export function periodStart(period: Period, now: number, timeZone: string): number {
  if (period.kind === "all") return 0;
  if (period.kind === "today") return startOfLocalDay(now, timeZone);
  return now - period.days * DAY_MS;
}

/** The locale key and arguments that name a period ("the last 7 days"). */
export function periodLabel(period: Period): { key: string; args: Record<string, number> } {
  if (period.kind === "days") return { key: "period-days", args: { days: period.days } };
  return { key: `period-${period.kind}`, args: {} };
}
