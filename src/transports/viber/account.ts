import type { Logger } from "pino";
import type { ViberClient } from "./client.js";

/**
 * The bot's chat URI for Viber deep links (`viber://pa?chatURI=…`): VIBER_CHAT_URI when set,
 * otherwise the `uri` Viber's `get_account_info` returns. Undefined (with a warning saying what to
 * set) when Viber cannot be asked; /link then makes Telegram links only.
 */
export async function viberChatUri(client: ViberClient, configured: string | undefined, logger: Logger): Promise<string | undefined> {
  if (configured) return configured;
  try {
    const info = await client.call("get_account_info", {});
    const uri = info["uri"];
    if (typeof uri === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(uri)) return uri;
    logger.warn("viber: get_account_info gave no chat URI; set VIBER_CHAT_URI for Viber deep links");
  } catch (error) {
    logger.warn({ err: error }, "viber: get_account_info failed; set VIBER_CHAT_URI for Viber deep links (/link makes Telegram links meanwhile)");
  }
  return undefined;
}
