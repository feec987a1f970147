import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/app.js";
import { loadContent } from "../../src/core/content.js";
import { createProgrammeSearch } from "../../src/core/programme/search.js";

const content = loadContent(join(LOCALES_DIR, "content"));
const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });
const ids = (question: string) => search.ask(question).matches.map((match) => match.id);

describe("words whose meaning folding would lose", () => {
  it("reads complaints about prices as prices, not as roads", () => {
    for (const question of ["дорогі ліки в аптеці", "дорогий газ", "подорожчала комуналка", "дорогие лекарства"]) {
      expect(ids(question), question).not.toContain("economy.roads");
      expect(ids(question).length, question).toBeGreaterThan(0);
    }
  });

  it("still reads roads as roads", () => {
    for (const question of ["погані дороги в селі", "розбита дорога до школи", "коли відремонтують дорогу"]) {
      expect(ids(question)[0], question).toBe("economy.roads");
    }
  });
});
