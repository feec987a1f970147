import type { Content } from "../content.js";
import type { MessageArgs } from "../i18n.js";
import { hromadaLabel, placeLabel, placeMatcherFor, placeResolver, raionLabel, type PlaceResolver } from "../places/index.js";
import type { Place } from "../places/gazetteer.js";
import type { Resident } from "../residents.js";
import { settlementKey } from "./similar.js";

/**
 * Who a broadcast goes to. A settlement with a `code` is a place of the gazetteer; without one it
 * is a name as the organiser typed it (a place not in the list). A hromada or raion is named by
 * its КАТОТТГ code.
 */
export type Audience =
  | { readonly kind: "all" }
  | { readonly kind: "telegram" }
  | { readonly kind: "viber" }
  | { readonly kind: "settlement"; readonly settlement: string; readonly code?: string }
  | { readonly kind: "hromada"; readonly code: string }
  | { readonly kind: "raion"; readonly code: string }
  | { readonly kind: "volunteers" };

/** The places of the oblast an audience is matched against. */
export type AudiencePlaces = Pick<Content, "places" | "renamings">;

/** Whether a resident belongs to an audience (ignoring opt-outs); build one per pass over residents. */
export type AudienceTest = (resident: Resident, audience: Audience) => boolean;

/**
 * The test for one pass over many residents. A resident is in a place by the code of their last
 * place; one without a code (a name typed before places were matched, or kept as written) is in a
 * settlement when the typed names agree, and in a hromada or raion when their typed name matches
 * exactly one listed settlement there.
 */
export function audienceTest(places: AudiencePlaces): AudienceTest {
  const resolve: PlaceResolver = placeResolver(places);
  const matcher = placeMatcherFor(places);
  const placeOf = (resident: Resident): Place | undefined =>
    resolve({
      ...(resident.lastSettlement !== undefined ? { settlement: resident.lastSettlement } : {}),
      ...(resident.lastSettlementCode !== undefined ? { settlementCode: resident.lastSettlementCode } : {}),
    });
  const typedNameIs = (resident: Resident, name: string): boolean =>
    resident.lastSettlement !== undefined && settlementKey(resident.lastSettlement) === settlementKey(name);
  return (resident, audience) => {
    if (resident.banned) return false;
    switch (audience.kind) {
      case "all":
        return true;
      case "telegram":
      case "viber":
        return resident.channel === audience.kind;
      case "settlement": {
        const known = resident.lastSettlementCode !== undefined && matcher.byCode(resident.lastSettlementCode) !== undefined;
        if (audience.code !== undefined && known) return resident.lastSettlementCode === audience.code;
        return typedNameIs(resident, audience.settlement);
      }
      case "hromada":
        return placeOf(resident)?.hromada.code === audience.code;
      case "raion":
        return placeOf(resident)?.raion.code === audience.code;
      case "volunteers":
        return resident.reports.some((ref) => ref.startsWith("V-"));
    }
  };
}

/** An audience an organiser can pick for what they typed: a settlement, its hromada or its raion. */
export interface PlaceAudienceChoice {
  readonly audience: Audience & { readonly code: string };
  /** A place of that audience, to name it. */
  readonly place: Place;
}

/**
 * The audiences offered for a typed place name: each matching settlement, then each of their
 * hromadas, then each of their raions (none when nothing in the list matches).
 */
export function placeAudienceChoices(places: AudiencePlaces, typed: string): PlaceAudienceChoice[] {
  const match = placeMatcherFor(places).match(typed);
  const found = match.kind === "one" ? [match.place] : match.kind === "several" ? match.places : [];
  const choices: PlaceAudienceChoice[] = found.map((place) => ({ audience: { kind: "settlement", settlement: place.name, code: place.code }, place }));
  const hromadas = new Map(found.map((place) => [place.hromada.code, place]));
  const raions = new Map(found.map((place) => [place.raion.code, place]));
  for (const [code, place] of hromadas) choices.push({ audience: { kind: "hromada", code }, place });
  for (const [code, place] of raions) choices.push({ audience: { kind: "raion", code }, place });
  return choices;
}

/** How the organisers' group names a place audience: "📍 Рудня (Черняхівська громада, Житомирський район)". */
export function placeAudienceName(places: AudiencePlaces, audience: Audience, t: (key: string, args?: MessageArgs) => string): string | undefined {
  const matcher = placeMatcherFor(places);
  const named = (label: string) => t("broadcast-audience-named-settlement", { settlement: label });
  switch (audience.kind) {
    case "settlement": {
      const place = audience.code !== undefined ? matcher.byCode(audience.code) : undefined;
      return named(place ? placeLabel(place, t) : audience.settlement);
    }
    case "hromada": {
      const place = matcher.places.find((candidate) => candidate.hromada.code === audience.code);
      return place ? named(hromadaLabel(place, t)) : undefined;
    }
    case "raion": {
      const place = matcher.places.find((candidate) => candidate.raion.code === audience.code);
      return place ? named(raionLabel(place, t)) : undefined;
    }
    default:
      return undefined;
  }
}
