/**
 * Finds the programme items a resident's question is about, in Ukrainian, Russian, surzhyk or
 * English, and says when none is. Each item is indexed from its text and title in every language
 * file plus its topic vocabulary (content: locales/content/vocabulary.json). A question's score
 * for an item is in 0..1: the share of the question's informative words the item explains,
 * damped when that evidence is thin (one common word). Below {@link MATCH_THRESHOLD} nothing
 * answers, so Viche can offer to pass the question to the organisers instead.
 */

import { z } from "zod";
import type { Programme } from "./programme.js";
import { analyse, hasOffTopicCue } from "./analyse.js";
import { TermIndex, type ResolvedTerm } from "./term-index.js";

/** A programme item that answers a question. `score` is in 0..1, higher is surer. */
export interface SearchMatch {
  id: string;
  sectionId: string;
  score: number;
}

/** What a question found: programme items, best first, at most 3, above threshold. */
export interface SearchResult {
  matches: SearchMatch[];
}

/** Search over one programme (all its language files), which organisers can teach at run time. */
export interface ProgrammeSearch {
  /** Items for a question in any language; an empty list when nothing fits. Organisers' answers are intents (src/core/intents). */
  ask(question: string): SearchResult;
  /** Adds the words of `phrase` to the vocabulary of item `itemId`; throws for an unknown item. */
  learnPhrase(itemId: string, phrase: string): void;
}

/** The words and phrases residents use for one item's topic, per language. */
const topicWordsSchema = z.object({ uk: z.array(z.string().min(1)), ru: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict();

/** Schema of vocabulary.json: programme item id → the words residents use for its topic, per language. */
export const vocabularySchema = z.record(z.string().regex(/^[a-z0-9.-]+$/u), topicWordsSchema);

/** A parsed vocabulary.json. */
export type Vocabulary = z.infer<typeof vocabularySchema>;

/** Score from which an item is offered as an answer. */
export const MATCH_THRESHOLD = 0.35;
/** Most items or answers returned for one question. */
const MAX_RESULTS = 3;

/**
 * Weight of a term by where it occurs in an item. A word of a several-word vocabulary phrase
 * ("діти війни") counts `phrasePart` alone and fully when the whole phrase is in the question.
 */
const FIELD_WEIGHT = { vocabulary: 1, phrasePart: 0.75, itemTitle: 1, itemText: 0.8, sectionTitle: 0.4 } as const;
/** Weight in a question of a topic word no item knows (it dilutes the coverage). */
const UNKNOWN_WEIGHT = 1;
/** Evidence (sum of matched term weights) at which confidence reaches 1 - 1/e. */
const SATURATION = 2;
/** Exponent on coverage: below 1, long messages with many words no item knows are forgiven a little. */
const COVERAGE_EXPONENT = 0.5;
/** Factor on item scores of a message with an off-topic cue (an ad, the weather, a film). */
const OFF_TOPIC_DAMPING = 0.5;

interface IndexedItem {
  readonly id: string;
  readonly sectionId: string;
}

/** What {@link createProgrammeSearch} needs: the programme's language files (same ids) and the vocabulary. */
export interface ProgrammeSearchOptions {
  programmes: Programme[];
  vocabulary: Vocabulary;
  /** Score from which items are returned; {@link MATCH_THRESHOLD} unless set (0 shows every candidate, for diagnosis). */
  threshold?: number;
}

/** A several-word vocabulary phrase of an item, credited fully when all its words are asked. */
interface Phrase {
  readonly item: number;
  readonly terms: readonly string[];
}

/**
 * Builds the search index for a programme; `programmes` are its language files (same ids). All
 * indexing happens here (and in learnPhrase/addAnswer); a question only looks terms up.
 */
export function createProgrammeSearch(options: ProgrammeSearchOptions): ProgrammeSearch {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const index = new TermIndex();
  const phrasesByTerm = new Map<string, Phrase[]>();
  const items: IndexedItem[] = [];
  const position = new Map<string, number>();
  const addText = (item: number, text: string, weight: number): void => {
    for (const term of analyse(text)) index.addItemTerm(term, item, weight);
  };

  for (const programme of options.programmes) {
    for (const section of programme.sections) {
      for (const item of section.items) {
        let at = position.get(item.id);
        if (at === undefined) {
          at = items.length;
          items.push({ id: item.id, sectionId: section.id });
          position.set(item.id, at);
        }
        addText(at, item.text, FIELD_WEIGHT.itemText);
        addText(at, item.title, FIELD_WEIGHT.itemTitle);
        addText(at, section.title, FIELD_WEIGHT.sectionTitle);
      }
    }
  }
  const addPhrase = (item: number, text: string): void => {
    const terms = analyse(text);
    if (terms.length === 1) addText(item, text, FIELD_WEIGHT.vocabulary);
    if (terms.length < 2) return;
    const phrase: Phrase = { item, terms };
    for (const term of terms) {
      index.addItemTerm(term, item, FIELD_WEIGHT.phrasePart);
      const list = phrasesByTerm.get(term);
      if (list) list.push(phrase);
      else phrasesByTerm.set(term, [phrase]);
    }
  };
  for (const [itemId, words] of Object.entries(options.vocabulary)) {
    const at = position.get(itemId);
    if (at === undefined) continue; // the content loader reports unknown ids; search just skips them
    for (const phrase of [...words.uk, ...words.ru, ...words.en]) addPhrase(at, phrase);
  }

  const itemCount = items.length;
  const idfByCount = Array.from({ length: itemCount + 1 }, (_, n) => Math.log(1 + (itemCount - n + 0.5) / (n + 0.5)));
  const idf = (itemsWithTerm: number): number => idfByCount[Math.min(itemsWithTerm, itemCount)] ?? 0;
  const itemScores = new Float64Array(itemCount);
  const termBest = new Float64Array(itemCount);

  /** Items whose several-word phrase is wholly in the question, by term: those terms count fully there. */
  const wholePhrases = (resolved: ResolvedTerm[][]): Map<string, Set<number>> => {
    const asked = new Set<string>();
    for (const candidates of resolved) for (const { entry } of candidates) asked.add(entry.term);
    const whole = new Map<string, Set<number>>();
    for (const term of asked) {
      for (const phrase of phrasesByTerm.get(term) ?? []) {
        if (!phrase.terms.every((part) => asked.has(part))) continue;
        for (const part of phrase.terms) {
          const items = whole.get(part);
          if (items) items.add(phrase.item);
          else whole.set(part, new Set([phrase.item]));
        }
      }
    }
    return whole;
  };

  const scoreItems = (resolved: ResolvedTerm[][], damping: number): SearchMatch[] => {
    itemScores.fill(0);
    const whole = wholePhrases(resolved);
    let questionWeight = 0;
    for (const candidates of resolved) {
      termBest.fill(0);
      let worth = 0;
      for (const { entry, quality } of candidates) {
        if (entry.items.length === 0) continue;
        const weight = idf(entry.items.length) * quality;
        worth = Math.max(worth, idf(entry.items.length));
        const wholeIn = whole.get(entry.term);
        entry.items.forEach((item, k) => {
          const field = wholeIn?.has(item) ? FIELD_WEIGHT.vocabulary : (entry.weights[k] ?? 0);
          termBest[item] = Math.max(termBest[item] ?? 0, weight * field);
        });
      }
      questionWeight += worth > 0 ? worth : UNKNOWN_WEIGHT;
      for (let item = 0; item < itemCount; item += 1) itemScores[item] = (itemScores[item] ?? 0) + (termBest[item] ?? 0);
    }
    const matches: SearchMatch[] = [];
    for (let item = 0; item < itemCount; item += 1) {
      const evidence = itemScores[item] ?? 0;
      if (evidence <= 0) continue;
      const coverage = evidence / questionWeight;
      const score = damping * coverage ** COVERAGE_EXPONENT * (1 - Math.exp(-evidence / SATURATION));
      const indexed = items[item];
      if (indexed && score >= threshold) matches.push({ id: indexed.id, sectionId: indexed.sectionId, score });
    }
    return matches.sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
  };

  return {
    ask(question: string): SearchResult {
      const resolved = analyse(question).map((term) => index.resolve(term));
      const damping = hasOffTopicCue(question) ? OFF_TOPIC_DAMPING : 1;
      return { matches: scoreItems(resolved, damping) };
    },
    learnPhrase(itemId: string, phrase: string): void {
      const at = position.get(itemId);
      if (at === undefined) throw new Error(`Unknown programme item: ${itemId}`);
      addPhrase(at, phrase);
    },
  };
}
