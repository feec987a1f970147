import { GrammyError, HttpError } from "grammy";
import { DeliveryError } from "../../core/outbox/outbox.js";

/**
 * Classifies a Bot API failure for the outbox: blocked bots and vanished chats are permanent,
 * 429 carries retry_after, everything else (5xx, network) is retried.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const description = error.description;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new DeliveryError(description, false, "rate-limited", seconds * 1000);
    }
    if (error.error_code === 403) return new DeliveryError(description, true, "blocked");
    if (error.error_code === 400 && /chat not found|user not found|group chat was upgraded/i.test(description)) {
      return new DeliveryError(description, true, "chat-not-found");
    }
    if (error.error_code >= 500) return new DeliveryError(description, false, "unavailable");
    return new DeliveryError(description, true, "rejected");
  }
  if (error instanceof HttpError) return new DeliveryError("Telegram unreachable", false, "unavailable");
  return new DeliveryError(error instanceof Error ? error.message : String(error), false, "unavailable");
}
