import type { Content, Organisation } from "../content.js";
import { placeResolver } from "../places/index.js";
import type { Report } from "./reports.js";

/** Where organisation.json `routing` sends a report's card. */
export type Route = Organisation["routing"][string];

/**
 * The route of a report's card: its hromada's, else its raion's (routing keys that are КАТОТТГ
 * codes from places.json; the place is the stored code's, or the typed name's when exactly one
 * settlement has it), else its category's; undefined for the organisers' group.
 */
export function routeOf(
  report: Pick<Report, "category" | "settlement" | "settlementCode">,
  content: Pick<Content, "organisation" | "places" | "renamings">,
): Route | undefined {
  const routing = content.organisation.routing;
  const place = placeResolver(content)(report);
  return (place && (routing[place.hromada.code] ?? routing[place.raion.code])) ?? (report.category ? routing[report.category] : undefined);
}
