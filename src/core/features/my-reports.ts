import { optionLabel } from "../flows/flow.js";
import { placeLabel, placeMatcherFor } from "../places/index.js";
import { formatTime } from "../reports/card.js";
import { isParty, parseRef, type Report } from "../reports/reports.js";
import { residentKey, type Button, type OutgoingMessage } from "../types.js";
import type { FeatureContext, FeatureModule, Translate } from "./feature.js";
import { menuMessage, menuRow } from "./menu.js";

const STATUS_NAMESPACE = "status";
/** How many of the resident's latest reports /status lists. */
const LISTED = 8;
/** How many of them get a button. */
const WITH_BUTTONS = 4;

/** A button that shows one report's status (`status:<ref>`). */
export function statusButton(ref: string): Button {
  return { label: ref, data: `${STATUS_NAMESPACE}:${ref}` };
}

/** The status as the resident reads it: a question organisers replied to is "answered". */
function shownStatus(report: Report, t: Translate): string {
  if (report.kind === "question" && report.status === "new" && report.firstReplyAt !== undefined) return t("status-answered");
  return t(`status-${report.status}`);
}

/** What the report is about: the complaint's topic, or the kind. */
function topicOf(report: Report, ctx: FeatureContext): string {
  const organisation = ctx.services.content.organisation;
  return report.category ? optionLabel(organisation.complaintCategories, report.category, ctx.resident.locale) : ctx.t(`kind-${report.kind}`);
}

function dateOf(at: number, ctx: FeatureContext): string {
  return formatTime(at, ctx.services.content.organisation.timeZone, ctx.resident.locale);
}

/** One line of the list: reference, topic, place, date and status. */
function listLine(report: Report, ctx: FeatureContext): string {
  const day = dateOf(report.createdAt, ctx).split(",")[0] ?? "";
  return [report.ref, topicOf(report, ctx), report.settlement, day, shownStatus(report, ctx.t)].filter(Boolean).join(" · ");
}

/**
 * One report in full for its author: topic, place, date, status history, the organisers' last
 * answer and the text. A resident who joined it sees only its public part: no text, and the
 * organisers' last answer only when they answered everyone.
 */
function describeReport(report: Report, ctx: FeatureContext, author: boolean): string {
  const { t } = ctx;
  const place = report.settlementCode ? placeMatcherFor(ctx.services.content).byCode(report.settlementCode) : undefined;
  const lines = [t("status-line", { ref: report.ref, kind: topicOf(report, ctx), status: shownStatus(report, t) })];
  if (report.settlement) lines.push(t("summary-settlement", { value: place ? placeLabel(place, t) : report.settlement }));
  lines.push(t("status-filed", { date: dateOf(report.createdAt, ctx) }));
  const history = report.history.map((event) => `${dateOf(event.at, ctx)} ${t(`status-${event.status}`)}`);
  if (history.length > 1) lines.push(t("status-history", { history: history.join(" → ") }));
  const last = report.history.at(-1);
  if (last?.comment) lines.push(t("status-comment", { comment: last.comment }));
  if (!author) {
    lines.push(
      t("status-joined-public", {
        category: topicOf(report, ctx),
        place: place ? placeLabel(place, t) : (report.settlement ?? ""),
        count: 1 + (report.followers?.length ?? 0),
      }),
    );
    if (report.lastReply && report.replyAll === true)
      lines.push(t("status-last-answer", { answer: report.lastReply.length > 500 ? `${report.lastReply.slice(0, 500)}…` : report.lastReply }));
    return lines.join("\n");
  }
  if (report.lastReply)
    lines.push(t("status-last-answer", { answer: report.lastReply.length > 500 ? `${report.lastReply.slice(0, 500)}…` : report.lastReply }));
  if (report.text) lines.push(t("summary-description", { value: report.text.length > 300 ? `${report.text.slice(0, 300)}…` : report.text }));
  return lines.join("\n");
}

/** /status and /reports: the resident's latest reports, or one of them by reference. */
async function statusMessages(ctx: FeatureContext, args: string): Promise<OutgoingMessage[]> {
  const { t, resident, services } = ctx;
  const requested = args.trim() ? parseRef(args) : undefined;
  if (args.trim() && !requested) return menuMessage(t("status-bad-ref"), t);
  if (requested) {
    const report = await services.reports.get(requested);
    if (!report || !isParty(report, resident)) return menuMessage(t("status-not-yours", { ref: requested }), t);
    const author = residentKey(report.resident) === residentKey(resident);
    return [{ title: t("status-title", { ref: report.ref }), text: describeReport(report, ctx, author), buttons: [menuRow(t)] }];
  }
  const refs = resident.reports.slice(-LISTED).reverse();
  if (refs.length === 0) return menuMessage(t("status-none"), t);
  const reports = (await Promise.all(refs.map((ref) => services.reports.get(ref)))).filter((report): report is Report => report !== undefined);
  const lines = reports.map((report) => listLine(report, ctx));
  return [
    {
      title: t("status-list-title"),
      text: lines.join("\n"),
      buttons: [...reports.slice(0, WITH_BUTTONS).map((report) => [statusButton(report.ref)]), menuRow(t)],
    },
  ];
}

/** The resident's own reports and their status. */
export const myReportsFeature: FeatureModule = {
  name: "my-reports",
  commands: { status: statusMessages, reports: statusMessages },
  buttons: [{ name: STATUS_NAMESPACE, form: "args", handle: (ctx, data) => statusMessages(ctx, data.slice(STATUS_NAMESPACE.length + 1)) }],
};
