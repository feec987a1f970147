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

describe("ambiguous words read by their neighbours", () => {
  it("takes 'дорогий' beside a person for an address, and a road that costs money for a price: neither is the roads item", () => {
    for (const question of ["дорогий друже", "дорогі мої земляки", "чому ковбаса така дорога", "скільки коштує дорога до Києва на таксі", "хліб подорожчав"]) {
      expect(ids(question), question).toEqual([]);
    }
    expect(ids("дорога до школи розбита")[0]).toBe("economy.roads");
  });

  it("reads 'швидкий' as fast and 'швидка' alone as the ambulance", () => {
    expect(ids("швидкий інтернет в селі")).toEqual([]);
    expect(ids("швидка доставка ліків")[0]).toBe("humanitarian.medicine");
    expect(ids("швидка їде по дві години")[0]).toBe("humanitarian.medicine");
  });

  it("does not take 'подати' (to submit) for taxes ('податки')", () => {
    expect(ids("як подати заяву")).toEqual([]);
    expect(ids("податки для фермерів")).toContain("economy.partnership");
  });

  it("does not answer looking something up with the programme item that shares one word", () => {
    for (const question of ["курс долара", "розклад автобуса до Бердичева", "де купити картоплю на посадку"]) expect(ids(question), question).toEqual([]);
  });
});
