import { editDistance, foldName, foldWords } from "./fold.js";
import { placesOf, type Gazetteer, type Place, type Renamings, type SettlementKind } from "./gazetteer.js";

/**
 * What a typed place name matched: one clear settlement (to confirm with a button), several
 * (the same name in different hromadas, or equally close spellings), or none.
 */
export type PlaceMatch =
  /** `exact`: what was typed is the place's current name, only case, prefix or apostrophes differ. */
  | { readonly kind: "one"; readonly place: Place; readonly exact: boolean; readonly formerly?: string }
  | { readonly kind: "several"; readonly places: readonly Place[] }
  | { readonly kind: "none" };

/** Matches typed place names against one gazetteer; the index is built once. */
export interface PlaceMatcher {
  /** Every settlement of the gazetteer. */
  readonly places: readonly Place[];
  /** The settlement with this code, if any. */
  byCode(code: string): Place | undefined;
  /** True when another settlement of the oblast has the same name (8 villages are called Рудня). */
  sharesName(place: Place): boolean;
  /** Ranked candidates for what a resident typed. */
  match(text: string): PlaceMatch;
}

/** At most this many candidates are offered at once. */
export const MAX_CANDIDATES = 10;
const MAX_TYPED_LENGTH = 80;

/** Words residents put before a name ("с.", "смт", "м.", Russian and Latin too), folded, and the kind they name. */
const KIND_WORDS: Readonly<Record<string, SettlementKind>> = {
  s: "village",
  silo: "village",
  sil: "village",
  dirivnia: "village",
  d: "village",
  vilahi: "village",
  smt: "selyshche",
  silishchi: "selyshche",
  sishchi: "selyshche",
  phto: "selyshche",
  phts: "selyshche",
  posilok: "selyshche",
  m: "city",
  misto: "city",
  horod: "city",
  tsiti: "city",
  town: "city",
  h: "city",
};
/** Words around an area name that carry nothing ("громада", "район", "р-н", "область"). */
const AREA_WORDS = new Set(["hromada", "hromadi", "raion", "raioni", "r", "n", "rn", "obl", "oblast", "oblasti", "tirhromada", "ths"]);
const KIND_ORDER: Readonly<Record<SettlementKind, number>> = { city: 0, selyshche: 1, village: 2 };

interface Entry {
  readonly key: string;
  readonly place: Place;
  readonly formerly?: string;
}

interface Area {
  readonly key: string;
  readonly code: string;
}

/** A name's words in its own letters, lowercased, with one kind of apostrophe: how "exactly as listed" is judged. */
function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['ʼ`]/g, "’")
    .split(/[^\p{L}’]+/u)
    .filter(Boolean);
}

function allowedDistance(key: string): number {
  const letters = key.replace(/ /g, "").length;
  if (letters <= 4) return 0;
  if (letters <= 7) return 1;
  if (letters <= 12) return 2;
  return 3;
}

/** Builds the matcher: folded keys for every settlement, former name, hromada and raion. */
export function createPlaceMatcher(gazetteer: Gazetteer, renamings: Renamings = []): PlaceMatcher {
  const places = placesOf(gazetteer);
  const byCode = new Map(places.map((place) => [place.code, place]));
  const nameCounts = new Map<string, number>();
  for (const place of places) nameCounts.set(place.name, (nameCounts.get(place.name) ?? 0) + 1);
  const entries: Entry[] = places.map((place) => ({ key: foldName(place.name), place }));
  for (const renaming of renamings) {
    const place = byCode.get(renaming.code);
    if (place) entries.push({ key: foldName(renaming.old), place, formerly: renaming.old });
  }
  const oblastKey = foldName(gazetteer.oblast.name);
  const areas: Area[] = [
    ...gazetteer.hromadas.map((hromada) => ({ key: foldName(hromada.name), code: hromada.code })),
    ...gazetteer.raions.map((raion) => ({ key: foldName(raion.name), code: raion.code })),
  ];

  function areaCodes(words: readonly string[]): Set<string> | undefined {
    const meaningful = words.filter((word) => !AREA_WORDS.has(word) && word !== oblastKey);
    if (meaningful.length === 0) return undefined;
    const codes = new Set<string>();
    for (const word of meaningful) {
      const found = areas.filter((area) => editDistance(word, area.key, allowedDistance(area.key)) <= allowedDistance(area.key));
      if (found.length === 0) return new Set();
      for (const area of found) codes.add(area.code);
    }
    return codes;
  }

  const byKey = new Map<string, Entry[]>();
  for (const entry of entries) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  const inAreas = (entry: Entry, areasWanted: Set<string> | undefined) =>
    !areasWanted || areasWanted.has(entry.place.hromada.code) || areasWanted.has(entry.place.raion.code);

  function closest(key: string, areasWanted: Set<string> | undefined): { distance: number; entries: Entry[] } {
    // A name typed as listed (the usual case) is found without comparing it with every settlement.
    const exact = (byKey.get(key) ?? []).filter((entry) => inAreas(entry, areasWanted));
    if (exact.length > 0) return { distance: 0, entries: exact };
    const limit = allowedDistance(key);
    let best = limit + 1;
    let found: Entry[] = [];
    for (const entry of entries) {
      if (!inAreas(entry, areasWanted)) continue;
      const distance = editDistance(key, entry.key, Math.min(best, limit));
      if (distance < best) {
        best = distance;
        found = [entry];
      } else if (distance === best && distance <= limit) found.push(entry);
    }
    return { distance: best, entries: found };
  }

  function match(text: string): PlaceMatch {
    if (text.length > MAX_TYPED_LENGTH) return { kind: "none" };
    const words = foldWords(text);
    const hint = words[0] !== undefined && words.length > 1 ? KIND_WORDS[words[0]] : undefined;
    const rest = hint ? words.slice(1) : words;
    let best: { distance: number; narrowed: boolean; length: number; entries: Entry[] } | undefined;
    for (let length = rest.length; length >= 1; length--) {
      const wanted = areaCodes(rest.slice(length));
      if (wanted && wanted.size === 0) continue;
      const found = closest(rest.slice(0, length).join(" "), wanted);
      if (found.entries.length === 0) continue;
      const narrowed = wanted !== undefined;
      if (!best || found.distance < best.distance || (found.distance === best.distance && narrowed && !best.narrowed)) best = { ...found, narrowed, length };
    }
    if (best) {
      const ofKind = hint ? best.entries.filter((entry) => entry.place.kind === hint) : [];
      const chosen = ofKind.length > 0 ? ofKind : best.entries;
      const unique = [...new Map(chosen.map((entry) => [entry.place.code, entry])).values()];
      unique.sort((a, b) => KIND_ORDER[a.place.kind] - KIND_ORDER[b.place.kind] || a.place.hromada.name.localeCompare(b.place.hromada.name, "uk"));
      const [first] = unique;
      if (first && unique.length === 1) {
        const typed = plainWords(text);
        const name = typed.slice(hint ? 1 : 0, (hint ? 1 : 0) + best.length).join(" ");
        const exact = best.distance === 0 && !first.formerly && name === plainWords(first.place.name).join(" ");
        return first.formerly ? { kind: "one", place: first.place, exact, formerly: first.formerly } : { kind: "one", place: first.place, exact };
      }
      return { kind: "several", places: unique.slice(0, MAX_CANDIDATES).map((entry) => entry.place) };
    }
    return { kind: "none" };
  }

  return { places, byCode: (code) => byCode.get(code), sharesName: (place) => (nameCounts.get(place.name) ?? 0) > 1, match };
}
