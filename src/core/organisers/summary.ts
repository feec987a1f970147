import type { Content } from "../content.js";
import { optionLabel } from "../flows/flow.js";
import type { MessageArgs } from "../i18n.js";
import type { Report, ReportRepository } from "../reports/reports.js";
import type { Locale } from "../types.js";
import { periodLabel, periodStart, type Period } from "./period.js";
import { reportsBetween, tally } from "./scan.js";
import { hromadaLabel, placeResolver, raionLabel, type PlaceResolver } from "../places/index.js";
import { residentKey } from "../types.js";

/**
 * Places fewer distinct residents than this complained from are counted together as "other
 * places": in a small village one complaint about pensions can point at one person, and one
 * account cannot put a name of its choosing (a slogan) into the public summary.
 */
export const MIN_PUBLIC_RESIDENTS = 3;

type T = (key: string, args?: MessageArgs) => string;

/**
 * An anonymised public summary for a period, in plain text an organiser can post to a public
 * channel: complaints by category, by hromada and by raion, how many were resolved, how many people signed
 * up. No names, phones, texts or references; hromadas and raions with fewer than two complaints are merged.
 */
export async function publicSummary(reports: ReportRepository, content: Content, period: Period, now: number, locale: Locale, t: T): Promise<string> {
  const organisation = content.organisation;
  const all = await reportsBetween(reports, periodStart(period, now, organisation.timeZone), now);
  const complaints = all.filter((report) => report.kind === "complaint");
  const resolved = complaints.filter((report) => report.status === "resolved").length;
  const inProgress = complaints.filter((report) => report.status === "in_progress").length;
  const label = periodLabel(period);
  const lines = [
    t("summary-public-title", { organisation: organisation.name[locale], period: t(label.key, label.args) }),
    "",
    t("summary-public-totals", { count: complaints.length, resolved, inProgress }),
  ];
  if (complaints.length > 0) {
    lines.push("", t("summary-public-categories"));
    for (const [name, count] of tally(complaints.map((report) => optionLabel(organisation.complaintCategories, report.category, locale)))) {
      lines.push(t("stats-line", { label: name, count }));
    }
    const resolve = placeResolver(content);
    for (const [key, otherKey, level] of [
      ["summary-public-hromadas", "summary-public-other-hromadas", "hromada"],
      ["summary-public-raions", "summary-public-other-raions", "raion"],
    ] as const) {
      let others = 0;
      const areaLines: string[] = [];
      for (const area of byArea(complaints, resolve, level, t)) {
        if (area.residents >= MIN_PUBLIC_RESIDENTS) areaLines.push(t("stats-line", { label: area.name, count: area.count }));
        else others += area.count;
      }
      if (others > 0) areaLines.push(t("stats-line", { label: t(otherKey), count: others }));
      if (areaLines.length > 0) lines.push("", t(key), ...areaLines);
    }
  }
  const signups = all.filter((report) => report.kind === "volunteer").length;
  if (signups > 0) lines.push("", t("summary-public-signups", { count: signups }));
  lines.push("", t("summary-public-footer"));
  return lines.join("\n");
}

/**
 * Complaints grouped by the official hromada or raion of their place (the gazetteer's names, or
 * "not in the list"; never a name as typed): complaints and distinct residents, most complaints first.
 */
function byArea(
  complaints: readonly Report[],
  resolve: PlaceResolver,
  level: "hromada" | "raion",
  t: T,
): Array<{ name: string; count: number; residents: number }> {
  const areas = new Map<string, { count: number; residents: Set<string> }>();
  for (const report of complaints) {
    if (!report.settlement && !report.settlementCode) continue;
    const place = resolve(report);
    const name = place ? (level === "hromada" ? hromadaLabel(place, t) : raionLabel(place, t)) : t("place-unlisted");
    let area = areas.get(name);
    if (!area) areas.set(name, (area = { count: 0, residents: new Set() }));
    area.count += 1;
    area.residents.add(residentKey(report.resident));
  }
  return [...areas.entries()]
    .map(([name, area]) => ({ name, count: area.count, residents: area.residents.size }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "uk"));
}
