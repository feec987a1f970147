import type { Content } from "../content.js";
import { optionLabel } from "../flows/flow.js";
import type { MessageArgs } from "../i18n.js";
import type { ReportRepository } from "../reports/reports.js";
import type { Locale } from "../types.js";
import { periodLabel, periodStart, type Period } from "./period.js";
import { reportsBetween, tally } from "./scan.js";
import { placeResolver, tallyAreas } from "../places/index.js";

/**
 * Places with fewer complaints than this are counted together as "other places": in a small
 * village one complaint about pensions can point at one person.
 */
export const MIN_PUBLIC_COUNT = 2;

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
    const areas = tallyAreas(complaints, resolve, t);
    for (const [key, otherKey, list] of [
      ["summary-public-hromadas", "summary-public-other-hromadas", areas.hromadas],
      ["summary-public-raions", "summary-public-other-raions", areas.raions],
    ] as const) {
      let others = 0;
      const areaLines: string[] = [];
      for (const [name, count] of list) {
        if (count >= MIN_PUBLIC_COUNT) areaLines.push(t("stats-line", { label: name, count }));
        else others += count;
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
