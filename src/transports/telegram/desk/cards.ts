import { routeOf } from "../../../core/reports/routing.js";
import { InputFile, type Api } from "grammy";
import type { Collection, Storage } from "../../../storage/storage.js";
import type { Content } from "../../../core/content.js";
import type { Translator } from "../../../core/i18n.js";
import { MEDIA_PREFIX, type MediaStore } from "../../../core/media.js";
import type { CardOutcome, OrganisersSink } from "../../../core/outbox/delivery.js";
import { DeliveryError, type CardExtra, type CardPlan } from "../../../core/outbox/outbox.js";
import { cardModel, type CardModel } from "../../../core/reports/card.js";
import type { Report, ReportKind, ReportRepository } from "../../../core/reports/reports.js";
import type { Locale } from "../../../core/types.js";
import { toDeliveryError } from "../errors.js";
import { escapeHtml, TELEGRAM_CAPTION_LIMIT } from "../render.js";
import { removeAttachments } from "./card-attachments.js";
import { cardHtml, plainLength, statusKeyboard } from "./card-render.js";

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
export class CardDesk implements OrganisersSink {
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
    if (stored) return new InputFile(stored.bytes, "photo.jpg");
    // A picture Viche kept itself (from Viber) that has expired: no platform can show it any more.
    if (fileId.startsWith(MEDIA_PREFIX)) throw new DeliveryError("the stored picture has expired", true, "rejected");
    return fileId;
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

  /** The card's photo when its text fits a caption; every other photo and the location pin follow it, one message each. */
  async planCard(ref: string): Promise<CardPlan | undefined> {
    const report = await this.options.reports.get(ref);
    if (!report || report.card) return undefined;
    const [firstPhoto, ...morePhotos] = report.photos;
    const captionFits = firstPhoto !== undefined && plainLength(this.model(report)) <= TELEGRAM_CAPTION_LIMIT;
    const photos = captionFits ? morePhotos : report.photos;
    const extras: CardExtra[] = [
      ...photos.map((photo): CardExtra => ({ kind: "photo", fileId: photo.fileId })),
      ...(report.location ? [{ kind: "location" } as const] : []),
    ];
    return { ...(captionFits ? { photoOnCard: firstPhoto.fileId } : {}), extras };
  }

  private model(report: Report): CardModel {
    return cardModel(report, this.options.content, this.options.locale, this.t);
  }

  /**
   * Posts the card of `ref` (with the planned photo as its picture), or updates it when it was
   * posted before. A photo refused for good does not hold the card back: the card goes out as
   * text with a note, and the photo is handed back to become a dead letter.
   */
  async deliverCard(ref: string, plan?: CardPlan): Promise<CardOutcome | void> {
    const report = await this.options.reports.get(ref);
    if (!report) return;
    if (report.card) return this.updateCard(report);
    const { api } = this.options;
    const model = this.model(report);
    const { chatId, threadId } = await this.destinationOf(report);
    const thread = threadId !== undefined ? { message_thread_id: threadId } : {};
    const keyboard = statusKeyboard(report, this.t);
    const refusedBefore = plan?.refusedPhoto;
    const photoOnCard = refusedBefore ? undefined : plan?.photoOnCard;
    let refusedPhoto: CardOutcome["refusedPhoto"] = refusedBefore
      ? { fileId: refusedBefore.fileId, error: new DeliveryError(refusedBefore.message, true, "rejected") }
      : undefined;
    let sent: { message_id: number } | undefined;
    if (photoOnCard !== undefined) {
      try {
        sent = await api.sendPhoto(chatId, await this.photoInput(photoOnCard), {
          caption: cardHtml(model),
          parse_mode: "HTML",
          reply_markup: keyboard,
          ...thread,
        });
      } catch (error) {
        const failure = toDeliveryError(error);
        if (!(failure.permanent && failure.reason === "rejected")) throw failure;
        refusedPhoto = { fileId: photoOnCard, error: failure };
        // Remembered with the stored outbox item: if the text card below fails for a passing reason,
        // the retry posts the text and reports this refusal, instead of trying the photo again.
        if (plan) plan.refusedPhoto = { fileId: photoOnCard, message: failure.message };
      }
    }
    if (!sent) {
      const shown = refusedPhoto ? { ...model, notes: [...model.notes, this.t("card-photo-refused")] } : model;
      try {
        sent = await api.sendMessage(chatId, cardHtml(shown), {
          parse_mode: "HTML",
          reply_markup: keyboard,
          link_preview_options: { is_disabled: true },
          ...thread,
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    }
    report.card = {
      chatId,
      messageId: sent.message_id,
      ...(threadId !== undefined ? { threadId } : {}),
      ...(photoOnCard !== undefined && !refusedPhoto ? { photo: true } : {}),
    };
    await this.options.reports.save(report);
    await this.options.reports.attachCard(ref, report.card);
    // Stored for good before anything else: a restart must edit this card, not post a second one.
    await this.options.storage.flush();
    return refusedPhoto ? { refusedPhoto } : undefined;
  }

  /** Posts a photo or the location pin under the posted card of `ref`. */
  async deliverCardExtra(ref: string, extra: CardExtra): Promise<void> {
    const report = await this.options.reports.get(ref);
    const card = report?.card;
    if (!report || !card) return;
    const { api } = this.options;
    const reply = {
      reply_parameters: { message_id: card.messageId, allow_sending_without_reply: true },
      ...(card.threadId !== undefined ? { message_thread_id: card.threadId } : {}),
    };
    try {
      let sent: { message_id: number } | undefined;
      if (extra.kind === "photo") sent = await api.sendPhoto(card.chatId, await this.photoInput(extra.fileId), reply);
      else if (report.location) sent = await api.sendLocation(card.chatId, report.location.latitude, report.location.longitude, reply);
      if (sent) {
        // Remembered so that /forget can delete them.
        card.attachments = [...(card.attachments ?? []), sent.message_id];
        await this.options.reports.save(report);
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private async updateCard(report: Report): Promise<CardOutcome | void> {
    const { api } = this.options;
    const card = report.card;
    if (!card) return;
    if (report.forgotten) await removeAttachments(report, this.options, this.t);
    // Cards posted before `photo` was recorded: a card with photos is usually the photo's caption.
    const isPhoto = card.photo ?? (report.photos.length > 0 && plainLength(this.model(report)) <= TELEGRAM_CAPTION_LIMIT);
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
    const html = cardHtml(this.model(report));
    const keyboard = statusKeyboard(report, this.t);
    const editCaption = () => api.editMessageCaption(card.chatId, card.messageId, { caption: html, parse_mode: "HTML", reply_markup: keyboard });
    const editText = () =>
      api.editMessageText(card.chatId, card.messageId, html, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
    try {
      // A photo card is the photo's caption (a card whose photo was refused went out as text).
      if (isPhoto) {
        await editCaption().catch((error: unknown) => {
          const failure = toDeliveryError(error);
          if (/no caption in the message/i.test(failure.message)) return editText();
          throw failure;
        });
      } else {
        await editText();
      }
    } catch (error) {
      const failure = toDeliveryError(error);
      if (/not modified/i.test(failure.message)) return;
      if (/message to edit not found|message can't be edited/i.test(failure.message)) {
        // The card was deleted in the group: post it again (its own photo, not the ones under it) rather than lose the update.
        delete report.card;
        await this.options.reports.save(report);
        return this.deliverCard(report.ref, await this.planCard(report.ref));
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
