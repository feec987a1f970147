import type { ResidentSender } from "../../core/outbox/delivery.js";
import type { Button } from "../../core/types.js";
import type { ViberClient } from "./client.js";
import { renderForViber, type ViberSender } from "./render.js";

/**
 * Sends neutral messages to a Viber resident, in order, each with the main menu as its keyboard
 * when it has none of its own (`menuFor` gives the menu in the resident's language).
 */
export function viberSender(client: ViberClient, sender: ViberSender, menuFor: (id: string) => Promise<Button[][]>): ResidentSender {
  return async (id, messages) => {
    for (const payload of renderForViber(messages, sender, await menuFor(id))) {
      await client.sendMessage({ receiver: id, ...payload });
    }
  };
}
