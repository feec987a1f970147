/**
 * The photo and location messages posted under a report card, after /forget: deleted while
 * Telegram still allows it, otherwise answered with a "removed" note. Used by CardDesk (cards.ts).
 *
 * @module
 */

import type { Api } from "grammy";
import type { Report, ReportRepository } from "../../../core/reports/reports.js";
import { toDeliveryError } from "../errors.js";
import { escapeHtml } from "../render.js";

/** What {@link removeAttachments} needs: the Bot API and the reports, to record that they are gone. */
export interface AttachmentRemoval {
  readonly api: Api;
  readonly reports: ReportRepository;
}

/**
 * After /forget: deletes the photo and location messages under the card (Telegram allows it for
 * 48 hours); one that can no longer be deleted gets a "removed" note in reply instead.
 */
export async function removeAttachments(report: Report, { api, reports }: AttachmentRemoval, t: (key: string) => string): Promise<void> {
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
        .sendMessage(card.chatId, escapeHtml(t("card-attachment-removed")), {
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
  await reports.save(report);
}
