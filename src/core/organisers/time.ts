/** Milliseconds in a day and an hour. */
export const DAY_MS = 24 * 3600 * 1000;
export const HOUR_MS = 3600 * 1000;

/** The wall-clock date and hour at `at` in `timeZone`: `{ day: "2026-05-01", hour: 9 }`. */
export function localClock(at: number, timeZone: string): { day: string; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? "00";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")), minute: Number(part("minute")), second: Number(part("second")) };
}

/** The start of the local day that contains `at`, in `timeZone`. */
export function startOfLocalDay(at: number, timeZone: string): number {
  const clock = localClock(at, timeZone);
  return at - (clock.hour * 3600 + clock.minute * 60 + clock.second) * 1000 - (at % 1000);
}

/** "3 d 4 h", "5 h 20 min", "12 min": a duration for organisers, through the locale's words. */
export function formatDuration(ms: number, t: (key: string, args?: Record<string, string | number>) => string): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t("duration-days-hours", { days, hours });
  if (hours > 0) return t("duration-hours-minutes", { hours, minutes: minutes % 60 });
  return t("duration-minutes", { minutes });
}

/** The median of `values` (undefined when empty). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
