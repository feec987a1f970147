import { isParty, parseRef, type Report } from "../reports/reports.js";
import type { Button, OutgoingMessage } from "../types.js";
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

function describeReport(report: Report, t: Translate): string {
  const last = report.history.at(-1);
  const lines = [t("status-line", { ref: report.ref, kind: t(`kind-${report.kind}`), status: t(`status-${report.status}`) })];
  if (report.text) lines.push(t("summary-description", { value: report.text.length > 300 ? `${report.text.slice(0, 300)}…` : report.text }));
  if (last?.comment) lines.push(t("status-comment", { comment: last.comment }));
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
    return [{ title: t("status-title", { ref: report.ref }), text: describeReport(report, t), buttons: [menuRow(t)] }];
  }
  const refs = resident.reports.slice(-LISTED).reverse();
  if (refs.length === 0) return menuMessage(t("status-none"), t);
  const reports = (await Promise.all(refs.map((ref) => services.reports.get(ref)))).filter((report): report is Report => report !== undefined);
  const lines = reports.map((report) => t("status-line", { ref: report.ref, kind: t(`kind-${report.kind}`), status: t(`status-${report.status}`) }));
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
