import { randomBytes } from "node:crypto";
import type { Storage } from "../../storage/storage.js";

/**
 * The secret Telegram sends back with every webhook update: TELEGRAM_WEBHOOK_SECRET when set,
 * otherwise one generated at the first start (43 characters of A-Z a-z 0-9 _ -) and kept in
 * storage, so it stays the same across restarts and instances. It is registered with setWebhook
 * at every start and never logged.
 */
export async function webhookSecret(storage: Storage, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const settings = storage.collection<string>("telegram-webhook");
  const stored = await settings.get("secret");
  if (stored) return stored;
  const generated = randomBytes(32).toString("base64url");
  // Two instances starting together on one Redis: the first to store it wins, the other reads it.
  if (await storage.claim("telegram-webhook-secret-chosen", 365 * 24 * 3600 * 1000)) {
    await settings.set("secret", generated);
    return generated;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const chosen = await settings.get("secret");
    if (chosen) return chosen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Could not read the stored Telegram webhook secret; set TELEGRAM_WEBHOOK_SECRET.");
}
