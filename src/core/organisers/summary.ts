import type { Content } from "../content.js";
import { optionLabel } from "../flows/flow.js";
import type { MessageArgs } from "../i18n.js";
import type { Report, ReportRepository } from "../reports/reports.js";
import type { Locale } from "../types.js";
import { periodLabel, periodStart, type Period } from "./period.js";
import { reportsBetween, tally } from "./scan.js";
import { residentKey } from "../types.js";
import { singleLine } from "../text.js";
import { settlementKey } from "./similar.js";

/**
 * Places fewer distinct residents than this complained from are counted together as "other
 * places": in a small village one complaint about pensions can point at one person, and one
 * account cannot put a name of its choosing (a slogan) into the public summary.
 */
export const MIN_PUBLIC_RESIDENTS = 3;

type T = (key: string, args?: MessageArgs) => string;

/**
 * An anonymised public summary for a period, in plain text an organiser can post to a public
 * channel: complaints by category and by settlement, how many were resolved, how many people signed
 * up. No names, phones, texts or references; rare places are merged.
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
    let others = 0;
    const places: string[] = [];
    for (const place of byPlace(complaints)) {
      if (place.residents >= MIN_PUBLIC_RESIDENTS) places.push(t("stats-line", { label: place.name, count: place.count }));
      else others += place.count;
    }
    if (others > 0) places.push(t("stats-line", { label: t("summary-public-other-places"), count: others }));
    if (places.length > 0) lines.push("", t("summary-public-settlements"), ...places);
  }
  const signups = all.filter((report) => report.kind === "volunteer").length;
  if (signups > 0) lines.push("", t("summary-public-signups", { count: signups }));
  lines.push("", t("summary-public-footer"));
  return lines.join("\n");
}

/** Complaints grouped by place (as typed, compared loosely): a spelling to show, complaints, distinct residents; most complaints first. */
function byPlace(complaints: readonly Report[]): Array<{ name: string; count: number; residents: number }> {
  const places = new Map<string, { name: string; count: number; residents: Set<string> }>();
  for (const report of complaints) {
    const name = report.settlement ? singleLine(report.settlement) : "";
    if (!name) continue;
    const key = settlementKey(name);
    let place = places.get(key);
    if (!place) places.set(key, (place = { name, count: 0, residents: new Set() }));
    place.count += 1;
    place.residents.add(residentKey(report.resident));
  }
  return [...places.values()]
    .map((place) => ({ name: place.name, count: place.count, residents: place.residents.size }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
