import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Logger } from "pino";
import type { Core } from "../../../core/core.js";
import type { Translator } from "../../../core/i18n.js";
import { placeAudienceName } from "../../../core/organisers/audience.js";
import type { Audience, AudiencePreview } from "../../../core/organisers/broadcasts.js";
import type { Locale, PhotoRef } from "../../../core/types.js";
import { escapeHtml, TELEGRAM_CAPTION_LIMIT } from "../render.js";
import { askPlaceAudience } from "./broadcast-place.js";

/** Longest broadcast text (Telegram's message limit, less room for nothing else). */
export const BROADCAST_TEXT_LIMIT = 4000;

/** Button data of the dialog's buttons all start with this. */
export const DIALOG_DATA = "bc:";

/** Dependencies of the dialog. */
export interface BroadcastDialogOptions {
  readonly core: Core;
  readonly translator: Translator;
  readonly locale: Locale;
  readonly logger: Logger;
  /** Whether Viber is configured: without it, the Viber audience is not offered. */
  readonly viber: boolean;
}

type DialogConversation = Conversation<ConversationFlavor<Context>, Context>;

const AUDIENCES = ["all", "telegram", "viber", "settlement", "volunteers"] as const;

/**
 * /broadcast: an organiser composes a message to residents step by step in the group: the text
 * (as a reply to the bot's prompt, which privacy mode lets through), an optional photo, the
 * audience, then a preview with the number of recipients (and, on Viber, how many messages would
 * be paid) and a confirmation. Only the organiser who started it can answer it; /cancel or the
 * cancel button ends it. Everything else in the group (replies to cards, other commands) passes by.
 */
export async function broadcastDialog(conversation: DialogConversation, ctx: Context, options: BroadcastDialogOptions): Promise<void> {
  const { core, translator, locale } = options;
  const t = (key: string, args?: Record<string, string | number>) => translator.t(locale, key, args);
  const html = (key: string, args?: Record<string, string | number>) => escapeHtml(t(key, args));
  const organiser = ctx.from?.id;
  if (organiser === undefined || !ctx.message) return;
  const cancelButton: InlineKeyboardButton = { text: t("broadcast-button-cancel"), callback_data: `${DIALOG_DATA}cancel` };
  const mine = (update: Context) => update.from?.id === organiser;
  const cancelled = (update: Context) => update.callbackQuery?.data === `${DIALOG_DATA}cancel` || /^\/cancel(@\w+)?$/.test(update.message?.text?.trim() ?? "");
  const repliesTo = (update: Context, messageId: number) => update.message?.reply_to_message?.message_id === messageId;
  const stop = async (update: Context): Promise<void> => {
    if (update.callbackQuery) await update.answerCallbackQuery();
    await update.reply(html("broadcast-cancelled"), { parse_mode: "HTML" });
  };

  // 1. The text.
  let prompt = await ctx.reply(html("broadcast-ask-text"), {
    parse_mode: "HTML",
    reply_markup: { force_reply: true, selective: true, input_field_placeholder: t("broadcast-text-placeholder") },
    reply_parameters: { message_id: ctx.message.message_id },
  });
  let text = "";
  for (;;) {
    const promptId = prompt.message_id;
    const answer = await conversation.waitUntil((update) => mine(update) && (cancelled(update) || repliesTo(update, promptId)), { next: true });
    if (cancelled(answer)) return stop(answer);
    text = (answer.message?.text ?? answer.message?.caption ?? "").trim();
    if (text.length > 0 && text.length <= BROADCAST_TEXT_LIMIT) break;
    prompt = await answer.reply(
      html(text.length === 0 ? "broadcast-text-empty" : "broadcast-text-too-long", { max: BROADCAST_TEXT_LIMIT, length: text.length }),
      {
        parse_mode: "HTML",
        reply_markup: { force_reply: true, selective: true },
        reply_parameters: { message_id: answer.message?.message_id ?? promptId, allow_sending_without_reply: true },
      },
    );
  }

  // 2. An optional photo.
  const photoPrompt = await ctx.reply(html("broadcast-ask-photo"), {
    parse_mode: "HTML",
    reply_markup: { inline_keyboard: [[{ text: t("broadcast-button-no-photo"), callback_data: `${DIALOG_DATA}nophoto` }], [cancelButton]] },
  });
  let photo: PhotoRef | undefined;
  for (;;) {
    const answer = await conversation.waitUntil(
      (update) => mine(update) && (cancelled(update) || update.callbackQuery?.data === `${DIALOG_DATA}nophoto` || repliesTo(update, photoPrompt.message_id)),
      { next: true },
    );
    if (cancelled(answer)) return stop(answer);
    if (answer.callbackQuery) {
      await answer.answerCallbackQuery();
      break;
    }
    const sizes = answer.message?.photo;
    const largest = sizes?.at(-1);
    if (largest) {
      photo = { fileId: largest.file_id, ...(largest.file_size !== undefined ? { size: largest.file_size } : {}) };
      break;
    }
    await answer.reply(html("broadcast-photo-expected"), {
      parse_mode: "HTML",
      reply_parameters: { message_id: photoPrompt.message_id, allow_sending_without_reply: true },
    });
  }

  // 3. The audience.
  const choices = AUDIENCES.filter((kind) => kind !== "viber" || options.viber);
  const audienceKeyboard: InlineKeyboardButton[][] = [
    ...choices.map((kind) => [{ text: t(`broadcast-audience-${kind}`), callback_data: `${DIALOG_DATA}aud:${kind}` }]),
    [cancelButton],
  ];
  await ctx.reply(html("broadcast-ask-audience"), { parse_mode: "HTML", reply_markup: { inline_keyboard: audienceKeyboard } });
  const picked = await conversation.waitUntil(
    (update) => mine(update) && (cancelled(update) || (update.callbackQuery?.data ?? "").startsWith(`${DIALOG_DATA}aud:`)),
    { next: true },
  );
  if (cancelled(picked)) return stop(picked);
  await picked.answerCallbackQuery();
  const kind = (picked.callbackQuery?.data ?? "").slice(`${DIALOG_DATA}aud:`.length);
  let audience: Audience;
  if (kind === "settlement") {
    const placeAnswer = await askPlaceAudience(conversation, ctx, { places: core.content, t, data: DIALOG_DATA, cancelButton, mine, cancelled });
    if (!("kind" in placeAnswer)) return stop(placeAnswer);
    audience = placeAnswer;
  } else if (kind === "telegram" || kind === "viber" || kind === "volunteers") {
    audience = { kind };
  } else {
    audience = { kind: "all" };
  }

  // 4. Preview and confirmation.
  const now = await conversation.now();
  const preview = await conversation.external(() => core.broadcasts.preview(audience, now));
  const audienceName = placeAudienceName(core.content, audience, t) ?? t(`broadcast-audience-${audience.kind}`);
  await ctx.reply(html("broadcast-preview-intro"), { parse_mode: "HTML" });
  const optOutNote = `\n\n<i>${html("broadcast-preview-button-note", { button: t("button-opt-out") })}</i>`;
  if (photo) {
    const fits = text.length <= TELEGRAM_CAPTION_LIMIT - 120;
    await ctx.replyWithPhoto(photo.fileId, fits ? { caption: `${escapeHtml(text)}${optOutNote}`, parse_mode: "HTML" } : {});
    if (!fits) await ctx.reply(`${escapeHtml(text)}${optOutNote}`, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  } else {
    await ctx.reply(`${escapeHtml(text)}${optOutNote}`, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  }
  if (preview.recipients === 0) {
    await ctx.reply(html("broadcast-nobody", { audience: audienceName, optedOut: preview.optedOut }), { parse_mode: "HTML" });
    return;
  }
  await ctx.reply(previewSummary(preview, audienceName, photo !== undefined, t), {
    parse_mode: "HTML",
    reply_markup: {
      inline_keyboard: [[{ text: t("broadcast-button-send", { count: preview.recipients }), callback_data: `${DIALOG_DATA}send` }], [cancelButton]],
    },
  });
  const confirm = await conversation.waitUntil((update) => mine(update) && (cancelled(update) || update.callbackQuery?.data === `${DIALOG_DATA}send`), {
    next: true,
  });
  if (cancelled(confirm)) return stop(confirm);
  await confirm.answerCallbackQuery();

  // 5. Start it: the scheduler sends it through the outbox and reports progress here.
  const started = await conversation.now();
  const record = await conversation.external(() => core.broadcasts.create({ text, ...(photo ? { photo } : {}), audience }, organiser, started));
  await ctx.reply(html("broadcast-started", { id: record.id, count: record.total }), { parse_mode: "HTML" });
}

/** The organiser's last look before sending: who gets it, who does not, what Viber will bill. */
function previewSummary(
  preview: AudiencePreview,
  audienceName: string,
  hasPhoto: boolean,
  t: (key: string, args?: Record<string, string | number>) => string,
): string {
  const lines = [
    `<b>${escapeHtml(t("broadcast-preview-title"))}</b>`,
    escapeHtml(t("broadcast-preview-audience", { audience: audienceName })),
    escapeHtml(t("broadcast-preview-recipients", { count: preview.recipients, telegram: preview.telegram, viber: preview.viber })),
  ];
  if (preview.optedOut > 0) lines.push(escapeHtml(t("broadcast-preview-opted-out", { count: preview.optedOut })));
  if (preview.unreachable > 0) lines.push(escapeHtml(t("broadcast-preview-unreachable", { count: preview.unreachable })));
  if (preview.viberPaid > 0) lines.push(`⚠️ ${escapeHtml(t("broadcast-preview-viber-paid", { count: preview.viberPaid, viber: preview.viber }))}`);
  if (hasPhoto && preview.viber > 0) lines.push(escapeHtml(t("broadcast-preview-viber-no-photo")));
  return lines.join("\n");
}
