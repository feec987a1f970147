import { answerFreeText } from "../intents/answer.js";
import type { IntentMatch } from "../intents/matcher.js";
import { residentKey, type Button, type Locale, type OutgoingMessage } from "../types.js";
import { findItem } from "../programme/programme.js";
import type { FeatureContext, FeatureModule, Translate } from "./feature.js";
import { commandButton, menuRow } from "./menu.js";
import { programmeItemButton } from "./programme.js";

const ASK_NAMESPACE = "ask";
const ASK_SEND = `${ASK_NAMESPACE}:send`;
/** A typed question is kept this long for "ask a person". */
const PENDING_QUESTION_TTL_MS = 24 * 3600 * 1000;

function askButton(label: string): Button {
  return { label, data: ASK_SEND };
}

/**
 * An intent's answer: its text in the resident's language with its buttons (each starts a flow or
 * opens the programme), two to a row, the main menu last. A taught answer is titled as the
 * organisers' and offers to ask a person.
 */
function intentMessage(intent: IntentMatch, locale: Locale, t: Translate): OutgoingMessage {
  const text = intent.answer[locale];
  if (intent.taught) return { title: t("answer-from-organisers"), text, buttons: [[askButton(t("answer-ask-person"))], menuRow(t)] };
  const starts = intent.buttons.filter((kind) => kind !== "menu").map((kind) => commandButton(t(`menu-${kind}`), kind));
  const rows: Button[][] = [];
  for (let at = 0; at < starts.length; at += 2) rows.push(starts.slice(at, at + 2));
  if (intent.buttons.includes("menu")) rows.push(menuRow(t));
  return { text, buttons: rows };
}

/** A free-text message outside any flow: an intent first (FAQ, small talk, organisers' taught answers), then the programme search. */
async function answerQuestion(ctx: FeatureContext, text: string): Promise<OutgoingMessage[]> {
  const { t, resident, services } = ctx;
  const question = text.trim().slice(0, 2000);
  await services.pendingQuestions.set(residentKey(resident), question, PENDING_QUESTION_TTL_MS);
  const result = answerFreeText(services.intents, services.search, question);
  if (result.intent) return [intentMessage(result.intent, resident.locale, t)];
  const askPerson = askButton(t("answer-ask-person"));
  const programme = services.content.programmes[resident.locale];
  const [best, ...others] = result.matches;
  const found = best ? findItem(programme, best.id) : undefined;
  if (!best || !found) return [noAnswer(t)];
  const related = others
    .map((match) => findItem(programme, match.id))
    .filter((entry): entry is NonNullable<typeof entry> => entry !== undefined)
    .slice(0, 2)
    .map((entry) => [programmeItemButton(`➡ ${entry.item.title}`, entry.item.id)]);
  return [
    {
      title: `${found.section.title} · ${found.item.title}`,
      text: `${found.item.text.trim()}\n\n${t(related.length > 0 ? "answer-related" : "answer-footer")}`,
      buttons: [...related, [askPerson], menuRow(t)],
    },
  ];
}

function noAnswer(t: Translate): OutgoingMessage {
  return {
    text: t("answer-none"),
    buttons: [[askButton(t("answer-send-to-organisers"))], [commandButton(t("menu-programme"), "programme")], menuRow(t)],
  };
}

/** Answers to free text (intents from faq.json and organisers' taught answers, then the programme), and "ask a person" with the same words. */
export const answersFeature: FeatureModule = {
  name: "answers",
  text: answerQuestion,
  buttons: [
    {
      name: ASK_NAMESPACE,
      form: "args",
      handle: async (ctx, data) => {
        if (data !== ASK_SEND) return undefined;
        const question = await ctx.services.pendingQuestions.get(residentKey(ctx.resident));
        return question ? ctx.beginFlow("question", { question }, "summary") : ctx.beginFlow("question", {});
      },
    },
  ],
};
