import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/app.js";
import { loadContent } from "../../src/core/content.js";
import { createPlaceMatcher, type PlaceMatch } from "../../src/core/places/matcher.js";

const content = loadContent(join(LOCALES_DIR, "content"));
const matcher = createPlaceMatcher(content.places, content.renamings);

function one(match: PlaceMatch): string {
  if (match.kind !== "one")
    throw new Error(`expected one place, got ${match.kind}${match.kind === "several" ? `: ${match.places.map((place) => place.name).join(", ")}` : ""}`);
  return `${match.place.name} (${match.place.hromada.name}, ${match.place.raion.name})`;
}

describe("the gazetteer of Zhytomyr oblast", () => {
  it("holds the official codifier: 4 raions, 66 hromadas, 1,668 settlements with codes", () => {
    expect(content.places.raions).toHaveLength(4);
    expect(content.places.hromadas).toHaveLength(66);
    expect(matcher.places).toHaveLength(1668);
    expect(matcher.byCode("UA18040190010057814")?.name).toBe("Житомир");
  });
});

describe("matching a typed place", () => {
  it("finds a town however a resident spells it: case, Russian, Latin, typos, prefixes", () => {
    const zhytomyr = "Житомир (Житомирська, Житомирський)";
    for (const typed of ["Житомир", "житомир", "м. Житомир", "Zhytomyr", "zhitomir", "Житомр", "г. Житомир"])
      expect(one(matcher.match(typed)), typed).toBe(zhytomyr);
    const berdychiv = "Бердичів (Бердичівська, Бердичівський)";
    for (const typed of ["Бердичев", "Berdychiv", "Berdichev", "м.Бердичів"]) expect(one(matcher.match(typed)), typed).toBe(berdychiv);
    expect(one(matcher.match("смт Черняхів"))).toBe("Черняхів (Черняхівська, Житомирський)");
    expect(one(matcher.match("Вишевичи"))).toBe("Вишевичі (Вишевицька, Житомирський)");
    expect(matcher.match("м. Житомир")).toMatchObject({ exact: true });
    expect(matcher.match("Житомр")).toMatchObject({ exact: false });
    expect(matcher.match("Zhytomyr")).toMatchObject({ exact: false });
  });

  it("knows old names: Новоград-Волинський is Звягель, Червоноармійськ is Пулини", () => {
    const match = matcher.match("Новоград-Волынский");
    expect(one(match)).toBe("Звягель (Новоград-Волинська, Звягельський)");
    expect(match.kind === "one" && match.formerly).toBe("Новоград-Волинський");
    expect(one(matcher.match("Червоноармейск"))).toMatch(/^Пулини /);
  });

  it("offers every Рудня with its hromada, and narrows when the hromada is named", () => {
    const match = matcher.match("с. Рудня");
    expect(match.kind).toBe("several");
    const places = match.kind === "several" ? match.places : [];
    expect(places).toHaveLength(8);
    expect(new Set(places.map((place) => place.code)).size).toBe(8);
    expect(places.every((place) => place.name === "Рудня")).toBe(true);
    expect(places.map((place) => place.hromada.name)).toContain("Баранівська");
    expect(one(matcher.match("Рудня, Баранівська громада"))).toBe("Рудня (Баранівська, Звягельський)");
    expect(matcher.match("Рудня Овруцька").kind).toBe("several");
  });

  it("prefers the kind a prefix names: м. Баранівка is the town, not the village", () => {
    expect(matcher.match("Баранівка").kind).toBe("several");
    expect(one(matcher.match("м. Баранівка"))).toBe("Баранівка (Баранівська, Звягельський)");
  });

  it("finds nothing in a story, in punctuation or in a made-up name", () => {
    for (const typed of ["ну в нашому селі де я живу вже 40 років", "!!!!!!!!", "Хогвартс", "", "123"]) expect(matcher.match(typed).kind, typed).toBe("none");
  });
});
