import type { Content } from "../content.js";
import { optionLabel } from "../flows/flow.js";
import type { MessageArgs } from "../i18n.js";
import { REPORT_STATUSES, type Report, type ReportRepository } from "../reports/reports.js";
import type { Resident, ResidentRepository } from "../residents.js";
import type { Locale } from "../types.js";
import { idleReports } from "./followups.js";
import { periodLabel, periodStart, type Period } from "./period.js";
import { reportsBetween, residentsBetween, tally } from "./scan.js";
import { settlementKey } from "./similar.js";
import { formatDuration, median } from "./time.js";
import { formatTime } from "../reports/card.js";
import { placeResolver, settlementListName, tallyAreas, type PlaceResolver } from "../places/index.js";

/** A block of statistics: a heading and its lines. */
export interface StatsSection {
  readonly title: string;
  readonly lines: readonly string[];
}

/** Statistics ready to show: a title and sections, already in the organisers' language. */
export interface StatsView {
  readonly title: string;
  readonly sections: readonly StatsSection[];
}

/** What {@link buildStats} reads. */
export interface StatsSources {
  readonly reports: ReportRepository;
  readonly residents: ResidentRepository;
  readonly content: Content;
  /** Deep-link names made with /link, so sources nobody used yet show as 0. */
  readonly linkNames?: readonly string[];
}

/** At most this many entries per list; the rest are summed up in one line. */
const LIST_LIMIT = 10;

type T = (key: string, args?: MessageArgs) => string;

function listLines(entries: ReadonlyArray<[string, number]>, t: T, line = (label: string, count: number) => t("stats-line", { label, count })): string[] {
  const lines = entries.slice(0, LIST_LIMIT).map(([label, count]) => line(label, count));
  if (entries.length > LIST_LIMIT) lines.push(t("list-more", { count: entries.length - LIST_LIMIT }));
  return lines.length > 0 ? lines : [t("stats-none")];
}

/** Groups settlements as residents typed them ("Коростишів", "коростишів ") under one spelling. */
export function tallySettlements(names: Iterable<string>): Array<[string, number]> {
  const spelling = new Map<string, string>();
  const keys: string[] = [];
  for (const name of names) {
    const key = settlementKey(name);
    if (!spelling.has(key)) spelling.set(key, name.trim());
    keys.push(key);
  }
  return tally(keys).map(([key, count]) => [spelling.get(key) ?? key, count]);
}

/** A report's settlement for a list: the gazetteer's name (with its hromada when shared) when known, else as typed. */
export function settlementNames(report: Report, resolve: PlaceResolver, content: Content, t: T): string[] {
  const place = resolve(report);
  if (place) return [settlementListName(place, content, t)];
  return report.settlement ? [report.settlement] : [];
}

/** When a report was first resolved, if it was. */
export function firstResolvedAt(report: Report): number | undefined {
  return report.history.find((event) => event.status === "resolved")?.at;
}

/**
 * Statistics for a period, for the organisers' group: reports by kind, status, category,
 * settlement and source; how fast organisers answer and resolve; open reports older than the idle
 * limit; sign-ups by way to help and settlement; new residents by source.
 */
export async function buildStats(sources: StatsSources, period: Period, now: number, locale: Locale, t: T): Promise<StatsView> {
  const { content } = sources;
  const organisation = content.organisation;
  const from = periodStart(period, now, organisation.timeZone);
  const reports = await reportsBetween(sources.reports, from, now);
  const residents = await residentsBetween(sources.residents, from, now);
  const cases = reports.filter((report) => report.kind !== "volunteer");
  const complaints = reports.filter((report) => report.kind === "complaint");
  const signups = reports.filter((report) => report.kind === "volunteer");
  const none = t("stats-no-source");
  const label = periodLabel(period);
  const title = t("stats-title", { period: t(label.key, label.args), from: period.kind === "all" ? "—" : formatTime(from, organisation.timeZone, locale) });

  const kinds = t("stats-kinds", {
    complaints: complaints.length,
    questions: reports.filter((report) => report.kind === "question").length,
    signups: signups.length,
  });
  const statuses = REPORT_STATUSES.map((status) =>
    t("stats-status", { status: t(`status-${status}`), count: cases.filter((report) => report.status === status).length }),
  ).join(" · ");

  const categories = tally(complaints.map((report) => optionLabel(organisation.complaintCategories, report.category, locale)));
  const resolve = placeResolver(content);
  const places = tallySettlements(complaints.flatMap((report) => settlementNames(report, resolve, content, t)));
  const areas = tallyAreas(complaints, resolve, t);

  const bySource = new Map<string, { reports: number; signups: number; residents: number }>();
  const sourceOf = (name: string | undefined) => {
    const key = name ?? none;
    let entry = bySource.get(key);
    if (!entry) bySource.set(key, (entry = { reports: 0, signups: 0, residents: 0 }));
    return entry;
  };
  for (const name of sources.linkNames ?? []) sourceOf(name);
  for (const report of reports) {
    if (report.kind === "volunteer") sourceOf(report.source).signups += 1;
    else sourceOf(report.source).reports += 1;
  }
  for (const resident of residents) sourceOf(resident.source).residents += 1;
  const sourceLines = [...bySource.entries()]
    .sort((a, b) => b[1].residents + b[1].reports + b[1].signups - (a[1].residents + a[1].reports + a[1].signups) || a[0].localeCompare(b[0]))
    .map(([name, counts]) => t("stats-source-line", { source: name, ...counts }));

  const replyTimes = cases.flatMap((report) => (report.firstReplyAt !== undefined ? [report.firstReplyAt - report.createdAt] : []));
  const resolveTimes = cases.flatMap((report) => {
    const at = firstResolvedAt(report);
    return at !== undefined ? [at - report.createdAt] : [];
  });
  const speed = (key: string, values: number[]) => {
    const value = median(values);
    return value === undefined ? t(`${key}-none`) : t(key, { duration: formatDuration(value, t), count: values.length });
  };

  const idleDays = organisation.followUp.flagIdleAfterDays;
  const idle = await idleReports(sources.reports, now, idleDays, 0);
  const idleLines = [t("stats-idle-count", { count: idle.refs.length, days: idleDays })];
  if (idle.refs.length > 0) idleLines.push(idle.refs.slice(0, LIST_LIMIT).join(", ") + (idle.refs.length > LIST_LIMIT ? " …" : ""));

  const ways = tally(signups.flatMap((report) => (report.ways ?? []).map((id) => optionLabel(organisation.waysToHelp, id, locale))));
  const signupPlaces = tallySettlements(signups.flatMap((report) => settlementNames(report, resolve, content, t)));
  const channels = tally(residents.map((resident: Resident) => (resident.channel === "telegram" ? "Telegram" : "Viber")));

  return {
    title,
    sections: [
      { title: t("stats-section-reports"), lines: [kinds, statuses] },
      { title: t("stats-section-categories"), lines: listLines(categories, t) },
      { title: t("stats-section-settlements"), lines: listLines(places, t) },
      { title: t("stats-section-hromadas"), lines: listLines(areas.hromadas, t) },
      { title: t("stats-section-raions"), lines: listLines(areas.raions, t) },
      { title: t("stats-section-speed"), lines: [speed("stats-first-reply", replyTimes), speed("stats-resolution", resolveTimes)] },
      { title: t("stats-section-idle"), lines: idleLines },
      {
        title: t("stats-section-signups", { count: signups.length }),
        lines: [...listLines(ways, t), ...(signupPlaces.length > 0 ? [t("stats-by-settlement"), ...listLines(signupPlaces, t)] : [])],
      },
      { title: t("stats-section-residents", { count: residents.length }), lines: residents.length > 0 ? listLines(channels, t) : [t("stats-none")] },
      { title: t("stats-section-sources"), lines: sourceLines.length > 0 ? sourceLines.slice(0, LIST_LIMIT * 2) : [t("stats-none")] },
    ],
  };
}

/** Statistics as plain text (simulator, tests, the guide). */
export function statsAsText(view: StatsView): string {
  return [view.title, ...view.sections.flatMap((section) => ["", section.title, ...section.lines])].join("\n");
}

/** One week of the trend: when it starts and how many reports of each kind were made in it. */
export interface TrendWeek {
  readonly from: number;
  readonly complaints: number;
  readonly questions: number;
  readonly signups: number;
}

/** Reports per week for the last `weeks` weeks (rolling 7-day windows ending now), oldest first. */
export async function weeklyTrend(reports: ReportRepository, now: number, weeks = 8): Promise<TrendWeek[]> {
  const week = 7 * 24 * 3600 * 1000;
  const start = now - weeks * week;
  const out = Array.from({ length: weeks }, (_, index) => ({ from: start + index * week, complaints: 0, questions: 0, signups: 0 }));
  for (const report of await reportsBetween(reports, start, now)) {
    const slot = out[Math.min(weeks - 1, Math.floor((report.createdAt - start) / week))];
    if (!slot) continue;
    if (report.kind === "complaint") slot.complaints += 1;
    else if (report.kind === "question") slot.questions += 1;
    else slot.signups += 1;
  }
  return out;
}
