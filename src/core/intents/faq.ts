/**
 * The organisation's own answers, as content (locales/content/faq.json): what residents ask about
 * the bot and the organisation (how to complain, volunteer or reach a person, the office, who the
 * bot is, the organisation's FAQ) and small talk (greetings, thanks). Each entry has phrasings in
 * Ukrainian, Russian and English, an answer per locale and buttons that start a flow.
 */

import { z } from "zod";

/** What a button under an intent's answer starts: a menu command, or the main menu. */
export const INTENT_BUTTONS = ["complaint", "volunteer", "question", "programme", "reports", "menu"] as const;
/** One of {@link INTENT_BUTTONS}. */
export type IntentButton = (typeof INTENT_BUTTONS)[number];

const phrasings = z.array(z.string().trim().min(1).max(120)).max(200);

/** One entry of faq.json. */
export const intentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/u, "1-40 lowercase letters, digits or dashes"),
    /**
     * Small talk and questions about the bot ("привіт", "дякую", "ваша програма") give way to the
     * programme when the rest of the message is about a topic: "привіт, коли зроблять дорогу?" and
     * "яка ваша програма розвитку області" are programme questions. Other intents ("як подати
     * скаргу", "хочу поскаржитися на дорогу") always win.
     */
    yieldsToProgramme: z.boolean().default(false),
    /** Phrasings match when all their words are in the message; one written "=програма" must be the whole message. */
    phrasings: z.object({ uk: phrasings.min(1), ru: phrasings.min(1), en: phrasings.min(1) }).strict(),
    /** The answer per locale; `{organisation}` and `{contacts}` stand for those fields of organisation.json. */
    answer: z.object({ uk: z.string().min(1).max(1500), en: z.string().min(1).max(1500) }).strict(),
    buttons: z.array(z.enum(INTENT_BUTTONS)).max(4).default([]),
  })
  .strict();

/** Schema of faq.json: the intents, matched in file order when two fit equally well. */
export const faqSchema = z
  .object({ intents: z.array(intentSchema).min(1) })
  .strict()
  .superRefine((faq, issues) => {
    const seen = new Set<string>();
    faq.intents.forEach((intent, at) => {
      if (seen.has(intent.id)) issues.addIssue({ code: "custom", path: ["intents", at, "id"], message: `${intent.id} is used twice` });
      seen.add(intent.id);
    });
  });

/** A parsed faq.json. */
export type Faq = z.infer<typeof faqSchema>;
/** One intent of faq.json. */
export type Intent = Faq["intents"][number];
