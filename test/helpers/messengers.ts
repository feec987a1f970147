import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "./organisers.js";
import { telegramResident, type ResidentDriver } from "./residents.js";
import { startViche, type RunningViche, type VicheOptions } from "./viche.js";

/** A running Viche with its doubles, as one scenario needs it. */
export interface Stage {
  readonly viche: RunningViche;
  readonly telegram: TelegramDouble;
  readonly group: OrganisersGroup;
  /** A new resident on the stage's messenger; `n` makes ids distinct within a test file. */
  resident(n: number, name: string): ResidentDriver;
  /** Refusals by the doubles (messages the real platform would refuse). */
  errors(): unknown[];
  stop(): Promise<void>;
}

/** A messenger residents can use; scenarios run once per messenger. */
export interface Messenger {
  readonly name: "telegram" | "viber";
  stage(options?: Partial<VicheOptions>): Promise<Stage>;
}

/** Residents on Telegram, organisers in the Telegram group. */
export const TELEGRAM: Messenger = {
  name: "telegram",
  async stage(options = {}) {
    const telegram = await startTelegramDouble();
    const viche = await startViche({ telegram, ...options });
    return {
      viche,
      telegram,
      group: new OrganisersGroup(telegram),
      resident: (n, name) => telegramResident(telegram, 10_000 + n, name),
      errors: () => telegram.errors,
      async stop() {
        await viche.stop();
        await telegram.close();
      },
    };
  },
};

/** Every messenger the resident scenarios run on. */
export const MESSENGERS: readonly Messenger[] = [TELEGRAM];
