import type { Collection, Storage } from "../../storage/storage.js";
import type { IntentMatcher } from "../intents/matcher.js";
import type { ProgrammeSearch } from "./search.js";

/** Something organisers taught the bot. */
export type Lesson =
  /** A resident's question with the organisers' answer: later residents asking the same get it. */
  | { readonly kind: "answer"; readonly id: string; readonly question: string; readonly answer: string; readonly at: number }
  /** A resident's words added to a programme item's vocabulary. */
  | { readonly kind: "phrase"; readonly id: string; readonly itemId: string; readonly phrase: string; readonly at: number };

const INDEX = "lessons";

/**
 * What organisers taught the bot from the questions that reached them, stored so that it lasts
 * across restarts and applied at once: a taught answer becomes an intent (beside faq.json's), a
 * taught phrase joins a programme item's vocabulary. This is how answers improve without touching
 * code or content files.
 */
export class LearnedAnswers {
  private readonly lessons: Collection<Lesson>;

  constructor(
    private readonly storage: Storage,
    private readonly search: ProgrammeSearch,
    private readonly intents: IntentMatcher,
  ) {
    this.lessons = storage.collection<Lesson>("lesson");
  }

  /** Applies every stored lesson to the intents and the search (at start). Lessons about removed items are skipped. */
  async load(): Promise<number> {
    const ids = await this.storage.indexRange(INDEX, 0, Number.MAX_SAFE_INTEGER);
    let applied = 0;
    for (const id of ids) {
      const lesson = await this.lessons.get(id);
      if (lesson && this.apply(lesson)) applied += 1;
    }
    return applied;
  }

  /** Teaches an answer to a question; an answer with the same id (the report) replaces the old one. */
  async teachAnswer(id: string, question: string, answer: string, at: number): Promise<void> {
    await this.store({ kind: "answer", id, question, answer, at });
  }

  /** Adds a question's words to an item's vocabulary. False when there is no such item. */
  async teachPhrase(id: string, itemId: string, phrase: string, at: number): Promise<boolean> {
    const lesson: Lesson = { kind: "phrase", id: `${id}:${itemId}`, itemId, phrase, at };
    if (!this.apply(lesson)) return false;
    await this.lessons.set(lesson.id, lesson);
    await this.storage.indexAdd(INDEX, lesson.id, at);
    return true;
  }

  private async store(lesson: Lesson): Promise<void> {
    this.apply(lesson);
    await this.lessons.set(lesson.id, lesson);
    await this.storage.indexAdd(INDEX, lesson.id, lesson.at);
  }

  private apply(lesson: Lesson): boolean {
    try {
      if (lesson.kind === "answer") this.intents.teach({ id: lesson.id, question: lesson.question, answer: lesson.answer });
      else this.search.learnPhrase(lesson.itemId, lesson.phrase);
      return true;
    } catch {
      return false;
    }
  }
}
