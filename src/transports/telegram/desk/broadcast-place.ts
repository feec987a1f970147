import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { MessageArgs } from "../../../core/i18n.js";
import { placeAudienceChoices, type Audience, type AudiencePlaces } from "../../../core/organisers/audience.js";
import { hromadaLabel, placeLabel, raionLabel } from "../../../core/places/index.js";
import { escapeHtml } from "../render.js";

type DialogConversation = Conversation<ConversationFlavor<Context>, Context>;

/** What the place step of /broadcast needs from the dialog around it. */
export interface PlaceStepOptions {
  readonly places: AudiencePlaces;
  readonly t: (key: string, args?: MessageArgs) => string;
  /** Button data prefix of the dialog. */
  readonly data: string;
  readonly cancelButton: InlineKeyboardButton;
  /** Whether an update comes from the organiser who started the dialog. */
  readonly mine: (update: Context) => boolean;
  /** Whether an update cancels the dialog. */
  readonly cancelled: (update: Context) => boolean;
}

/** Longest typed name shown on the "as written" button. */
const KEEP_LABEL_LENGTH = 32;

/**
 * The audience "one place": the organiser types a name as a reply; the places of the gazetteer it
 * matches are offered as buttons (each settlement with its hromada, the whole hromada, the whole
 * raion), and "as written" for a place not in the list. Another reply tries another name.
 * Returns the audience, or the update that cancelled the dialog.
 */
export async function askPlaceAudience(conversation: DialogConversation, ctx: Context, options: PlaceStepOptions): Promise<Audience | Context> {
  const { t, data, mine, cancelled } = options;
  const html = (key: string, args?: MessageArgs) => escapeHtml(t(key, args));
  const pick = `${data}pl:`;
  const prompt = await ctx.reply(html("broadcast-ask-settlement"), { parse_mode: "HTML", reply_markup: { force_reply: true, selective: true } });
  const answerable = new Set([prompt.message_id]);
  // Every button offered so far, by its data: an earlier offer stays pressable after another name.
  const offered = new Map<string, Audience>();
  for (;;) {
    const answer = await conversation.waitUntil(
      (update) =>
        mine(update) &&
        (cancelled(update) ||
          (update.callbackQuery?.data ?? "").startsWith(pick) ||
          (answerable.has(update.message?.reply_to_message?.message_id ?? 0) && (update.message?.text ?? "").trim().length > 1)),
      { next: true },
    );
    if (cancelled(answer)) return answer;
    const pressed = answer.callbackQuery?.data;
    if (pressed !== undefined) {
      await answer.answerCallbackQuery();
      const chosen = offered.get(pressed);
      if (chosen) return chosen;
      continue;
    }
    const typed = (answer.message?.text ?? "").trim().replace(/\s+/g, " ").slice(0, 80);
    const choices = placeAudienceChoices(options.places, typed);
    const attempt = answerable.size;
    const dataOf = (choice: (typeof choices)[number]): string => `${pick}${choice.audience.kind.charAt(0)}:${choice.audience.code}`;
    for (const choice of choices) offered.set(dataOf(choice), choice.audience);
    offered.set(`${pick}keep:${attempt}`, { kind: "settlement", settlement: typed });
    const label = (index: number): string => {
      const choice = choices[index];
      if (!choice) return "";
      if (choice.audience.kind === "hromada") return t("broadcast-place-hromada", { hromada: hromadaLabel(choice.place, t) });
      if (choice.audience.kind === "raion") return t("broadcast-place-raion", { raion: raionLabel(choice.place, t) });
      return t("broadcast-audience-named-settlement", { settlement: placeLabel(choice.place, t) });
    };
    const shown = typed.length > KEEP_LABEL_LENGTH ? `${typed.slice(0, KEEP_LABEL_LENGTH - 1)}…` : typed;
    const keyboard: InlineKeyboardButton[][] = [
      ...choices.map((choice, index) => [{ text: label(index), callback_data: dataOf(choice) }]),
      [{ text: t("broadcast-place-keep", { typed: shown }), callback_data: `${pick}keep:${attempt}` }],
      [options.cancelButton],
    ];
    const offer = await answer.reply(html(choices.length > 0 ? "broadcast-choose-place" : "broadcast-place-not-found", { typed }), {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: keyboard },
    });
    answerable.add(offer.message_id);
  }
}
