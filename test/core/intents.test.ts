import { mkdtempSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/app.js";
import { ContentError, faqFill, loadContent } from "../../src/core/content.js";
import { answerFreeText } from "../../src/core/intents/answer.js";
import { createIntentMatcher } from "../../src/core/intents/matcher.js";
import { createProgrammeSearch } from "../../src/core/programme/search.js";
import { cyrillicReading } from "../../src/core/programme/transliterate.js";

const CONTENT = join(LOCALES_DIR, "content");
const content = loadContent(CONTENT);
const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });
const matcher = () => createIntentMatcher(content.faq, faqFill(content.organisation));
const shared = matcher();
const read = (text: string) => {
  const result = answerFreeText(shared, search, text);
  return result.intent ? `intent:${result.intent.id}` : (result.matches[0]?.id ?? "none");
};

describe("intents before the programme", () => {
  it("reads how to complain as the complaint intent, not the taxes item ('подати' is not 'податки')", () => {
    expect(read("як подати скаргу?")).toBe("intent:complain");
    expect(read("хочу поскаржитися на дорогу")).toBe("intent:complain");
    expect(read("yak podaty skargu")).toBe("intent:complain");
    expect(shared.match("як подати скаргу?")?.intent.buttons).toContain("complaint");
  });

  it("recognises volunteering, a person, the office and the bot itself in three languages", () => {
    expect(read("хочу стати волонтером")).toBe("intent:volunteer");
    expect(read("чем я могу помочь")).toBe("intent:volunteer");
    expect(read("can I talk to a real person")).toBe("intent:ask-person");
    expect(read("де ваш офіс?")).toBe("intent:contacts");
    expect(read("ты робот или человек")).toBe("intent:about");
  });

  it("fills the organisation's own contacts and name into the answers", () => {
    expect(shared.match("де ваш офіс?")?.intent.answer.uk).toBe(content.organisation.contacts.uk);
    expect(shared.match("хто ти")?.intent.answer.en).toContain(content.organisation.name.en);
  });

  it("lets greetings and questions about the programme give way to a topic in the same message", () => {
    expect(read("привіт")).toBe("intent:greeting");
    expect(read("дякую")).toBe("intent:thanks");
    expect(read("привіт, коли відремонтують дорогу в селі?")).toBe("economy.roads");
    expect(read("яка у вас програма")).toBe("intent:programme");
    expect(read("програма розвитку області")).toBe("goals.development");
  });

  it("does not take topic words for an intent ('адресна допомога' is not an address)", () => {
    expect(read("адресна допомога")).toBe("humanitarian.social-fund");
    expect(read("матеріальна допомога малозабезпеченим")).not.toMatch(/^intent:/u);
  });
});

describe("Ukrainian typed in Latin letters", () => {
  it("is also read in Cyrillic, while English and Cyrillic messages are left as they are", () => {
    expect(cyrillicReading("yak podaty skargu")).toBe("як подати скаргу");
    expect(cyrillicReading("shcho z taryfamy")).toBe("що з тарифами");
    expect(cyrillicReading("where is your office")).toBeUndefined();
    expect(cyrillicReading("як подати скаргу")).toBeUndefined();
    expect(read("likari v seli nema")).toBe("humanitarian.medicine");
  });
});

describe("organisers' taught answers", () => {
  it("answer a later question close to the one they were taught for, and only that", () => {
    const taught = matcher();
    taught.teach({ id: "Q-1001", question: "Коли почнуть ремонтувати міст біля млина?", answer: "Ремонт мосту — у травні." });
    expect(taught.match("а коли ремонтуватимуть міст біля млина")?.intent).toMatchObject({
      id: "Q-1001",
      taught: true,
      answer: { uk: "Ремонт мосту — у травні." },
    });
    expect(taught.match("ями на дорогах")).toBeUndefined();
    expect(matcher().match("коли почнуть ремонтувати міст біля млина")).toBeUndefined();
  });

  it("are replaced by a later answer with the same id", () => {
    const taught = matcher();
    taught.teach({ id: "Q-1001", question: "Де приймальня в Коростені?", answer: "old" });
    taught.teach({ id: "Q-1001", question: "Де приймальня в Коростені?", answer: "new" });
    expect(taught.match("де приймальня в Коростені")?.intent.answer.uk).toBe("new");
  });
});

describe("faq.json", () => {
  const broken = (edit: (faq: { intents: Record<string, unknown>[] }) => void): string => {
    const dir = mkdtempSync(join(tmpdir(), "viche-faq-"));
    try {
      cpSync(CONTENT, dir, { recursive: true });
      const faq = JSON.parse(readFileSync(join(dir, "faq.json"), "utf8")) as { intents: Record<string, unknown>[] };
      edit(faq);
      writeFileSync(join(dir, "faq.json"), JSON.stringify(faq));
      loadContent(dir);
      return "loaded";
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      return (error as Error).message;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("is checked at start, with errors naming the file and the field", () => {
    expect(broken((faq) => void (faq.intents[0] = { ...faq.intents[0], buttons: ["teleport"] }))).toMatch(/faq\.json: field intents\.0\.buttons\.0/u);
    expect(broken((faq) => void delete faq.intents[1]?.answer)).toMatch(/faq\.json: field intents\.1\.answer/u);
    expect(broken((faq) => void (faq.intents[2] = { ...faq.intents[2], phrasings: { uk: ["оператор"], ru: [], en: ["operator"] } }))).toMatch(
      /faq\.json: field intents\.2\.phrasings\.ru/u,
    );
    expect(broken((faq) => void faq.intents.push({ ...faq.intents[0] }))).toMatch(/faq\.json: field intents\.\d+\.id: complain is used twice/u);
  });
});
