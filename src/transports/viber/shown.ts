import type { Collection, Storage } from "../../storage/storage.js";
import type { ViberPayload } from "./render.js";

/** How long the buttons last shown to a resident are remembered (a keyboard stays on screen until replaced). */
const SHOWN_TTL_MS = 90 * 24 * 3600 * 1000;

/**
 * The reply buttons of the keyboard each Viber resident was shown last. On Viber a button press is
 * just a text message carrying the button's data, which anyone can type; typed data counts as a
 * press only when that resident's keyboard showed it.
 */
export class ShownButtons {
  private readonly shown: Collection<string[]>;

  constructor(storage: Storage) {
    this.shown = storage.collection<string[]>("viber-shown");
  }

  /** Remembers the keyboard of the last of `payloads` sent to `userId` (Viber shows only the latest keyboard). */
  async remember(userId: string, payloads: readonly ViberPayload[]): Promise<void> {
    const keyboard = [...payloads].reverse().find((payload) => payload.keyboard !== undefined)?.keyboard;
    if (!keyboard) return;
    const data = keyboard.Buttons.flatMap((button: { ActionType?: unknown; ActionBody?: unknown }) =>
      button.ActionType === "reply" && typeof button.ActionBody === "string" ? [button.ActionBody] : [],
    );
    await this.shown.set(userId, data, SHOWN_TTL_MS);
  }

  /** True when `data` is on the keyboard `userId` was shown last (or nothing is known yet about them). */
  async wasShown(userId: string, data: string): Promise<boolean> {
    const shown = await this.shown.get(userId);
    return shown === undefined || shown.includes(data);
  }
}
