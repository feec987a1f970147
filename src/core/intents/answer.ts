/**
 * How Viche reads a resident's free text: first as something asked of the bot or the organisation
 * (an intent: faq.json or an organisers' taught answer), then as a question about the programme.
 * Small talk and questions about the bot ("привіт, …", "ваша програма …") give way to the programme
 * when the message is about a topic both as a whole and without the intent's words.
 * Ukrainian typed in Latin letters is searched as typed and as read in Cyrillic.
 */

import type { ProgrammeSearch, SearchMatch } from "../programme/search.js";
import { cyrillicReading } from "../programme/transliterate.js";
import type { IntentMatch, IntentMatcher } from "./matcher.js";

/** What a message is answered with: an intent (and then no programme items), or items best first, or neither. */
export interface FreeTextAnswer {
  readonly intent?: IntentMatch;
  readonly matches: readonly SearchMatch[];
}

/** Programme items for a message, from whichever reading (as typed, or Latin read as Cyrillic) finds the surer one. */
export function searchProgramme(search: ProgrammeSearch, text: string): SearchMatch[] {
  const typed = search.ask(text).matches;
  const cyrillic = cyrillicReading(text);
  if (cyrillic === undefined) return typed;
  const read = search.ask(cyrillic).matches;
  return (read[0]?.score ?? 0) > (typed[0]?.score ?? 0) ? read : typed;
}

/** Reads a message: an intent first, then the programme (see the module's description). */
export function answerFreeText(intents: IntentMatcher, search: ProgrammeSearch, text: string): FreeTextAnswer {
  const found = intents.match(text);
  if (found && !found.intent.yieldsToProgramme) return { intent: found.intent, matches: [] };
  const matches = searchProgramme(search, text);
  if (!found) return { matches };
  const topical = matches.length > 0 && found.rest.trim().length > 0 && searchProgramme(search, found.rest).length > 0;
  return topical ? { matches } : { intent: found.intent, matches: [] };
}
