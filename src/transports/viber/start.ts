import type { Logger } from "pino";
import { reasonOf } from "../../core/outage.js";
import type { ViberClient } from "./client.js";

/** The longest wait between two tries to set the Viber webhook. */
const MAX_RETRY_MS = 60_000;

/** Viber, connected: {@link ViberLink.stop} ends the retries of a webhook that could not be set yet. */
export interface ViberLink {
  stop(): void;
}

/**
 * Sets the Viber webhook. When Viber cannot be reached (or refuses), says so in one line — what is
 * retried and what to check — and tries again in the background at a growing interval, so the
 * rest of Viche (Telegram, the organisers' group) starts meanwhile.
 */
export async function connectViber(client: ViberClient, webhookUrl: string | undefined, logger: Logger): Promise<ViberLink> {
  if (!webhookUrl) {
    logger.warn("viber: PUBLIC_URL is not set, so Viber cannot reach this server; set it to the public https address");
    return { stop: () => undefined };
  }
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (n: number): Promise<void> => {
    try {
      await client.setWebhook(webhookUrl);
      logger.info({ mode: "webhook", attempts: n }, "viber: webhook set");
    } catch (error) {
      if (stopped) return;
      const waitMs = Math.min(MAX_RETRY_MS, 2000 * 2 ** (n - 1));
      logger.warn(
        { attempt: n, retryInMs: waitMs, reason: reasonOf(error) },
        `viber: set_webhook failed; retrying in ${Math.round(waitMs / 1000)} s. Check VIBER_AUTH_TOKEN, the network to VIBER_API_ROOT, and that PUBLIC_URL reaches this server over https`,
      );
      timer = setTimeout(() => void attempt(n + 1), waitMs);
      timer.unref();
    }
  };
  await attempt(1);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
