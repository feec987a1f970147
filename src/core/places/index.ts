import type { Content } from "../content.js";
import type { MessageArgs } from "../i18n.js";
import type { Gazetteer, Place } from "./gazetteer.js";
import { createPlaceMatcher, type PlaceMatcher } from "./matcher.js";

type T = (key: string, args?: MessageArgs) => string;

const MATCHERS = new WeakMap<Gazetteer, PlaceMatcher>();

/** The matcher of the content's gazetteer, built once per loaded content. */
export function placeMatcherFor(content: Pick<Content, "places" | "renamings">): PlaceMatcher {
  let matcher = MATCHERS.get(content.places);
  if (!matcher) MATCHERS.set(content.places, (matcher = createPlaceMatcher(content.places, content.renamings)));
  return matcher;
}

/** A place as cards and summaries name it: settlement, then its hromada and raion in brackets (`place-label`). */
export function placeLabel(place: Place, t: T): string {
  return t("place-label", { name: place.name, hromada: place.hromada.name, raion: place.raion.name });
}

/** A hromada with its raion in brackets (`place-hromada`). */
export function hromadaLabel(place: Place, t: T): string {
  return t("place-hromada", { hromada: place.hromada.name, raion: place.raion.name });
}

/** A raion by its name (`place-raion`). */
export function raionLabel(place: Place, t: T): string {
  return t("place-raion", { raion: place.raion.name });
}

/** Where a report is: the settlement of its stored code, or of a typed name that matches exactly one. */
export interface PlaceResolver {
  (report: { readonly settlement?: string; readonly settlementCode?: string }): Place | undefined;
}

/**
 * A resolver for one pass over many reports (statistics, export, summary): typed names of reports
 * filed before places were matched are matched once each, and count only when exactly one fits.
 */
export function placeResolver(content: Pick<Content, "places" | "renamings">): PlaceResolver {
  const matcher = placeMatcherFor(content);
  const typed = new Map<string, Place | undefined>();
  return (report) => {
    if (report.settlementCode) return matcher.byCode(report.settlementCode);
    const name = report.settlement?.trim();
    if (!name) return undefined;
    if (!typed.has(name)) {
      const match = matcher.match(name);
      typed.set(name, match.kind === "one" ? match.place : undefined);
    }
    return typed.get(name);
  };
}

/** The name of a settlement in a list: with its hromada when the oblast has several of that name. */
export function settlementListName(place: Place, content: Pick<Content, "places" | "renamings">, t: T): string {
  return placeMatcherFor(content).sharesName(place) ? t("place-in-hromada", { name: place.name, hromada: place.hromada.name }) : place.name;
}

/** Counts of reports by hromada and by raion; reports with no known place are counted as `unlisted`. */
export function tallyAreas(
  reports: readonly { readonly settlement?: string; readonly settlementCode?: string }[],
  resolve: PlaceResolver,
  t: T,
): { hromadas: Array<[string, number]>; raions: Array<[string, number]> } {
  const hromadas = new Map<string, number>();
  const raions = new Map<string, number>();
  const unlisted = t("place-unlisted");
  for (const report of reports) {
    if (!report.settlement && !report.settlementCode) continue;
    const place = resolve(report);
    const hromada = place ? hromadaLabel(place, t) : unlisted;
    const raion = place ? raionLabel(place, t) : unlisted;
    hromadas.set(hromada, (hromadas.get(hromada) ?? 0) + 1);
    raions.set(raion, (raions.get(raion) ?? 0) + 1);
  }
  const sorted = (counts: Map<string, number>) => [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "uk"));
  return { hromadas: sorted(hromadas), raions: sorted(raions) };
}
