import { describe, expect, it, vi } from "vitest";
import { loadContentForCli, runCli } from "../../src/cli.js";
import { analyse } from "../../src/core/programme/analyse.js";
import { createProgrammeSearch, MATCH_THRESHOLD, vocabularySchema, type ProgrammeSearch } from "../../src/core/programme/search.js";

const content = loadContentForCli();
const fresh = (): ProgrammeSearch => createProgrammeSearch(content);
const search = fresh();
const topId = (question: string, on: ProgrammeSearch = search): string | undefined => on.ask(question).matches[0]?.id;

describe("programme search, as a resident sees it", () => {
  it("finds the roads item for a road complaint in surzhyk", () => {
    expect(topId("шо там з дорогами, ями кругом, када ремонт будет?")).toBe("economy.roads");
  });

  it("finds items for questions in Ukrainian, Russian and English alike", () => {
    expect(topId("в селі закрили ФАП, де тепер лікуватися?")).toBe("humanitarian.medicine");
    expect(topId("ФАП закрыли, где теперь лечиться?")).toBe("humanitarian.medicine");
    expect(topId("Will you keep the village medical posts open?")).toBe("humanitarian.medicine");
  });

  it("understands everyday words where the programme uses administrative ones", () => {
    expect(topId("платіжки за газ прийшли страшні")).toBe("humanitarian.tariffs");
    expect(topId("ями на дорозі біля школи")).toBe("economy.roads");
  });

  it("answers nothing to the weather, greetings, ads, insults and gibberish", () => {
    for (const message of ["яка завтра погода?", "привіт, як справи?", "продам гараж недорого", "ти дурний бот", "ячсмить", "what's the weather like?"]) {
      expect(search.ask(message).matches, message).toEqual([]);
    }
  });

  it("reads Latin look-alike letters inside Cyrillic words as Cyrillic", () => {
    const latin = search.ask("Щo з тaрифaми нa кoмунaлку?");
    const cyrillic = search.ask("Що з тарифами на комуналку?");
    expect(latin.matches[0]?.id).toBe("humanitarian.tariffs");
    expect(latin.matches).toEqual(cyrillic.matches);
    expect(topId("кoли відремонтують дорогu?")).toBe("economy.roads");
  });

  it("treats every apostrophe residents type the same", () => {
    const forms = ["сім’ї", "сім'ї", "сімʼї", "сім`ї"].map((word) => analyse(`молоді ${word}`));
    for (const form of forms) expect(form).toEqual(forms[0]);
  });

  it("forgives a typing error in a longer word", () => {
    expect(topId("чи буде працювати амбулаторя?")).toBe("humanitarian.medicine");
  });

  it("scores in 0..1, best first, at most three, all above the threshold", () => {
    const { matches } = search.ask("школи, садочки, бібліотеки і лікарні без грошей, дороги розбиті, тарифи ростуть");
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.length).toBeLessThanOrEqual(3);
    for (const match of matches) {
      expect(match.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
      expect(match.score).toBeLessThanOrEqual(1);
    }
    const scores = matches.map((match) => match.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("gives each match its section", () => {
    expect(search.ask("ями на дорогах").matches[0]).toMatchObject({ id: "economy.roads", sectionId: "economy" });
  });
});

describe("learning from organisers", () => {
  it("takes a learned phrase into account for the next question", () => {
    const taught = fresh();
    const question = "коли поставлять нову автобусну зупинку?";
    expect(topId(question, taught)).not.toBe("economy.roads");
    taught.learnPhrase("economy.roads", "автобусна зупинка");
    expect(topId(question, taught)).toBe("economy.roads");
    expect(topId("де зупинка автобуса в селі?", taught)).toBe("economy.roads");
  });

  it("refuses a phrase for an item that does not exist", () => {
    expect(() => fresh().learnPhrase("economy.nope", "щось")).toThrow(/economy\.nope/u);
  });

  it("keeps one search's lessons out of another", () => {
    const taught = fresh();
    taught.learnPhrase("economy.roads", "автобусна зупинка");
    expect(topId("коли поставлять нову автобусну зупинку?", fresh())).not.toBe("economy.roads");
  });
});

describe("vocabulary content", () => {
  it("is valid and names only items of the programme", () => {
    const ids = new Set(content.original.sections.flatMap((section) => section.items.map((item) => item.id)));
    for (const key of Object.keys(vocabularySchema.parse(content.vocabulary))) expect(ids.has(key), key).toBe(true);
  });

  it("rejects a malformed entry", () => {
    expect(vocabularySchema.safeParse({ "economy.roads": { uk: ["дорога"], ru: [] } }).success).toBe(false);
    expect(vocabularySchema.safeParse({ "economy.roads": { uk: [""], ru: [], en: [] } }).success).toBe(false);
  });
});

describe("cli", () => {
  it("prints one JSON object with the original item text", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(runCli(["ask", "--json", "ями на дорозі"])).toBe(0);
    const printed: unknown = JSON.parse(String(log.mock.calls[0]?.[0]));
    log.mockRestore();
    expect(printed).toMatchObject({
      question: "ями на дорозі",
      matches: [{ id: "economy.roads", section: "Соціально-економічний розвиток", item: "Поліпшення дорожньої інфраструктури;" }],
    });
    expect(printed).not.toHaveProperty("intent");
  });

  it("reports a question about the bot itself as an intent, with no programme items", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(runCli(["ask", "--json", "як подати скаргу?"])).toBe(0);
    const printed: unknown = JSON.parse(String(log.mock.calls[0]?.[0]));
    log.mockRestore();
    expect(printed).toMatchObject({ question: "як подати скаргу?", intent: "complain", matches: [] });
  });

  it("prints empty matches for a question nothing answers", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    runCli(["ask", "--json", "яка погода?"]);
    const printed: unknown = JSON.parse(String(log.mock.calls[0]?.[0]));
    log.mockRestore();
    expect(printed).toMatchObject({ matches: [] });
    expect(printed).not.toHaveProperty("intent");
  });

  it("shows usage and exits 2 for an unknown subcommand", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(runCli(["tell"])).toBe(2);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^usage:/u);
    error.mockRestore();
  });
});
