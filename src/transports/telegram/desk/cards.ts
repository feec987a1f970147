import { routeOf } from "../../../core/reports/routing.js";
import { InputFile, type Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Collection, Storage } from "../../../storage/storage.js";
import type { Content } from "../../../core/content.js";
import type { Translator } from "../../../core/i18n.js";
import type { MediaStore } from "../../../core/media.js";
import { DeliveryError } from "../../../core/outbox/outbox.js";
import { cardModel, type CardModel } from "../../../core/reports/card.js";
import type { Report, ReportKind, ReportRepository } from "../../../core/reports/reports.js";
import type { Locale } from "../../../core/types.js";
import { toDeliveryError } from "../errors.js";
import { escapeHtml, TELEGRAM_CAPTION_LIMIT } from "../render.js";

/**
 * Renders a card for Telegram: bold header, escaped fields; the resident's own words in a
 * `<blockquote>`, so a line in them can never look like one of the card's fields.
 */
export function cardHtml(card: CardModel): string {
  const lines = [
    `<b>${escapeHtml(card.header)}</b>`,
    ...card.fields.map((field) =>
      field.long
        ? `<b>${escapeHtml(field.label)}:</b>\n<blockquote>${escapeHtml(field.value)}</blockquote>`
        : `<b>${escapeHtml(field.label)}:</b> ${escapeHtml(field.value)}`,
    ),
    ...card.notes.map((note) => `<i>${escapeHtml(note)}</i>`),
  ];
  return lines.join("\n");
}

/**
 * Status buttons that fit the report's state; on a report others joined, a second row switches
 * whether replies to the card go to its author only (the default) or to everyone it affects.
 */
export function statusKeyboard(report: Report, t: (key: string, args?: Record<string, string | number>) => string): InlineKeyboardMarkup {
  const button = (status: string, label: string) => ({ text: t(label), callback_data: `st:${report.ref}:${status}` });
  const followers = report.followers?.length ?? 0;
  const audience =
    followers > 0
      ? [
          [
            report.replyAll === true
              ? { text: t("card-button-reply-author"), callback_data: `ra:${report.ref}:author` }
              : { text: t("card-button-reply-all", { count: followers + 1 }), callback_data: `ra:${report.ref}:all` },
          ],
        ]
      : [];
  if (report.status === "resolved" || report.status === "rejected") {
    return { inline_keyboard: [[button("in_progress", "card-button-reopen")], ...audience] };
  }
  const row = report.status === "new" ? [button("in_progress", "card-button-in_progress")] : [];
  return { inline_keyboard: [[...row, button("resolved", "card-button-resolved"), button("rejected", "card-button-rejected")], ...audience] };
}

/** Dependencies of {@link CardDesk}. */
export interface CardDeskOptions {
  readonly api: Api;
  readonly chatId: number;
  readonly reports: ReportRepository;
  readonly storage: Storage;
  readonly content: Content;
  readonly translator: Translator;
  readonly media: MediaStore;
  /** The organisers' language (DEFAULT_LOCALE). */
  readonly locale: Locale;
}

/**
 * Posts and updates report cards in the organisers' group. A card is posted once: its message id
 * is stored the moment Telegram accepts it, so a retry after a crash updates it instead of posting
 * a second one. In a forum, each kind of report goes to its own topic.
 */
export class CardDesk {
  private readonly topics: Collection<number>;
  private forum: boolean | undefined;

  constructor(private readonly options: CardDeskOptions) {
    this.topics = options.storage.collection<number>("topic");
  }

  private t = (key: string, args?: Record<string, string | number>) => this.options.translator.t(this.options.locale, key, args);

  private async threadFor(kind: ReportKind): Promise<number | undefined> {
    const { api, chatId } = this.options;
    if (this.forum === undefined) {
      try {
        const chat = await api.getChat(chatId);
        this.forum = "is_forum" in chat && chat.is_forum === true;
      } catch (error) {
        throw toDeliveryError(error);
      }
    }
    if (!this.forum) return undefined;
    const known = await this.topics.get(`${chatId}:${kind}`);
    if (known !== undefined) return known;
    try {
      const topic = await api.createForumTopic(chatId, this.t(`topic-${kind}`));
      await this.topics.set(`${chatId}:${kind}`, topic.message_thread_id);
      return topic.message_thread_id;
    } catch {
      // No right to manage topics: post in the general thread rather than not at all.
      return undefined;
    }
  }

  private async photoInput(fileId: string): Promise<string | InputFile> {
    const stored = await this.options.media.get(fileId);
    return stored ? new InputFile(stored.bytes, "photo.jpg") : fileId;
  }

  /**
   * Where a card goes: its hromada's, raion's or category's own group or topic when the content
   * routes it there (organisation.json `routing`, see routeOf), otherwise the organisers' group (its topic for the kind, in a forum).
   */
  private async destinationOf(report: Report): Promise<{ chatId: number; threadId: number | undefined }> {
    const route = routeOf(report, this.options.content);
    if (route?.chatId !== undefined) return { chatId: route.chatId, threadId: route.threadId };
    if (route?.threadId !== undefined) return { chatId: this.options.chatId, threadId: route.threadId };
    return { chatId: this.options.chatId, threadId: await this.threadFor(report.kind) };
  }

  /** Posts the card of `ref`, or updates it when it was posted before. */
  async deliverCard(ref: string): Promise<void> {
    const report = await this.options.reports.get(ref);
    if (!report) return;
    if (report.card) return this.updateCard(report);
    const { api } = this.options;
    const model = cardModel(report, this.options.content, this.options.locale, this.t);
    const html = cardHtml(model);
    const { chatId, threadId } = await this.destinationOf(report);
    const thread = threadId !== undefined ? { message_thread_id: threadId } : {};
    const keyboard = statusKeyboard(report, this.t);
    const [firstPhoto, ...morePhotos] = report.photos;
    try {
      const captionFits = firstPhoto !== undefined && plainLength(model) <= TELEGRAM_CAPTION_LIMIT;
      const sent = captionFits
        ? await api.sendPhoto(chatId, await this.photoInput(firstPhoto.fileId), { caption: html, parse_mode: "HTML", reply_markup: keyboard, ...thread })
        : await api.sendMessage(chatId, html, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true }, ...thread });
      report.card = { chatId, messageId: sent.message_id, ...(threadId !== undefined ? { threadId } : {}), ...(captionFits ? { photo: true } : {}) };
      await this.options.reports.save(report);
      await this.options.reports.attachCard(ref, report.card);
      // Stored for good before anything else: a restart must edit this card, not post a second one.
      await this.options.storage.flush();
      const reply = { reply_parameters: { message_id: sent.message_id, allow_sending_without_reply: true }, ...thread };
      const attachments: number[] = [];
      for (const photo of captionFits ? morePhotos : report.photos) {
        attachments.push((await api.sendPhoto(chatId, await this.photoInput(photo.fileId), reply)).message_id);
      }
      if (report.location) attachments.push((await api.sendLocation(chatId, report.location.latitude, report.location.longitude, reply)).message_id);
      if (attachments.length > 0) {
        // Remembered so that /forget can delete them.
        report.card.attachments = attachments;
        await this.options.reports.save(report);
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /**
   * After /forget: deletes the photo and location messages under the card (Telegram allows it for
   * 48 hours); one that can no longer be deleted gets a "removed" note in reply instead.
   */
  private async removeAttachments(report: Report): Promise<void> {
    const { api } = this.options;
    const card = report.card;
    if (!card?.attachments?.length) return;
    for (const messageId of card.attachments) {
      try {
        await api.deleteMessage(card.chatId, messageId);
      } catch (error) {
        const failure = toDeliveryError(error);
        if (/not found/i.test(failure.message)) continue;
        if (!/can't be deleted/i.test(failure.message)) throw failure;
        await api
          .sendMessage(card.chatId, escapeHtml(this.t("card-attachment-removed")), {
            parse_mode: "HTML",
            reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
            ...(card.threadId !== undefined ? { message_thread_id: card.threadId } : {}),
          })
          .catch((sendError: unknown) => {
            throw toDeliveryError(sendError);
          });
      }
    }
    card.attachments = [];
    await this.options.reports.save(report);
  }

  private async updateCard(report: Report): Promise<void> {
    const { api } = this.options;
    const card = report.card;
    if (!card) return;
    if (report.forgotten) await this.removeAttachments(report);
    const fits = plainLength(cardModel(report, this.options.content, this.options.locale, this.t)) <= TELEGRAM_CAPTION_LIMIT;
    const isPhoto = card.photo ?? (report.photos.length > 0 && fits);
    if (isPhoto && report.photos.length === 0) {
      // The card's own photo was the resident's: delete the card and post it again as text.
      try {
        await api.deleteMessage(card.chatId, card.messageId);
        delete report.card;
        await this.options.reports.save(report);
        return this.deliverCard(report.ref);
      } catch (error) {
        const failure = toDeliveryError(error);
        if (!/can't be deleted|not found/i.test(failure.message)) throw failure;
        // Too old to delete: the caption below says the data was removed.
      }
    }
    const html = cardHtml(cardModel(report, this.options.content, this.options.locale, this.t));
    const keyboard = statusKeyboard(report, this.t);
    try {
      if (isPhoto) {
        await api.editMessageCaption(card.chatId, card.messageId, { caption: html, parse_mode: "HTML", reply_markup: keyboard });
      } else {
        await api.editMessageText(card.chatId, card.messageId, html, {
          parse_mode: "HTML",
          reply_markup: keyboard,
          link_preview_options: { is_disabled: true },
        });
      }
    } catch (error) {
      const failure = toDeliveryError(error);
      if (/not modified/i.test(failure.message)) return;
      if (/message to edit not found|message can't be edited/i.test(failure.message)) {
        // The card was deleted in the group: post it again rather than lose the update.
        delete report.card;
        await this.options.reports.save(report);
        return this.deliverCard(report.ref);
      }
      throw failure;
    }
  }

  /** Posts a note in the group, under the card of `ref` when there is one. */
  async deliverNote(ref: string | undefined, key: string, args: Record<string, string | number> = {}): Promise<void> {
    const { api } = this.options;
    const report = ref ? await this.options.reports.get(ref) : undefined;
    const card = report?.card;
    // Under the card, wherever it is (a routed category's group), otherwise in the organisers' group.
    const chatId = card?.chatId ?? this.options.chatId;
    try {
      const sent = await api.sendMessage(chatId, escapeHtml(this.t(key, args)), {
        parse_mode: "HTML",
        ...(card ? { reply_parameters: { message_id: card.messageId, allow_sending_without_reply: true } } : {}),
        ...(card?.threadId !== undefined ? { message_thread_id: card.threadId } : {}),
      });
      if (ref && report) await this.options.reports.attachCard(ref, { chatId, messageId: sent.message_id });
    } catch (error) {
      const failure = toDeliveryError(error);
      throw failure.reason === "blocked" ? new DeliveryError("The bot was removed from the organisers' group", true, "chat-not-found") : failure;
    }
  }
}

function plainLength(card: CardModel): number {
  return [card.header, ...card.fields.map((field) => `${field.label}: ${field.value}`), ...card.notes].join("\n").length;
}
