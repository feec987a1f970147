/**
 * An intent's answer as a neutral message: the answer text in the resident's language with its
 * buttons (each starts a flow or opens the programme), two to a row, the main menu last. A taught
 * answer is titled as the organisers' and offers to ask a person.
 */

import { menuRow } from "../menu.js";
import type { Button, Locale, OutgoingMessage } from "../types.js";
import type { IntentMatch } from "./matcher.js";

/** The message answering `intent` for a resident who reads `locale`. */
export function intentMessage(intent: IntentMatch, locale: Locale, t: (key: string) => string): OutgoingMessage {
  const text = intent.answer[locale];
  if (intent.taught) return { title: t("answer-from-organisers"), text, buttons: [[{ label: t("answer-ask-person"), data: "ask:send" }], menuRow(t)] };
  const starts: Button[] = intent.buttons.filter((kind) => kind !== "menu").map((kind) => ({ label: t(`menu-${kind}`), data: `cmd:${kind}` }));
  const rows: Button[][] = [];
  for (let at = 0; at < starts.length; at += 2) rows.push(starts.slice(at, at + 2));
  if (intent.buttons.includes("menu")) rows.push(menuRow(t));
  return { text, buttons: rows };
}
