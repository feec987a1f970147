import type { ResidentSender } from "../../core/outbox/delivery.js";
import type { Button } from "../../core/types.js";
import type { ViberClient } from "./client.js";
import { renderForViber, type ViberSender } from "./render.js";
import type { ShownButtons } from "./shown.js";

/**
 * Sends neutral messages to a Viber resident, in order, each with the main menu as its keyboard
 * when it has none of its own (`menuFor` gives the menu in the resident's language). The keyboard
 * sent last is remembered in `shown`: on Viber typed button data counts only when it was shown.
 */
export function viberSender(client: ViberClient, sender: ViberSender, menuFor: (id: string) => Promise<Button[][]>, shown: ShownButtons): ResidentSender {
  return async (id, messages) => {
    const payloads = renderForViber(messages, sender, await menuFor(id));
    for (const payload of payloads) {
      await client.sendMessage({ receiver: id, ...payload });
    }
    await shown.remember(id, payloads);
  };
}
