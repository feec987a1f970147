import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { startViberDouble, type ViberDouble } from "../doubles/viber-api.js";
import { OrganisersGroup } from "./organisers.js";
import { telegramResident, viberResident, type ResidentDriver } from "./residents.js";
import { freePort, startViche, type RunningViche, type VicheOptions } from "./viche.js";

/** A running Viche with its doubles, as one scenario needs it. */
export interface Stage {
  readonly viche: RunningViche;
  readonly telegram: TelegramDouble;
  readonly group: OrganisersGroup;
  /** The Viber double, when the stage has Viber configured. */
  readonly viber?: ViberDouble;
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

/** Residents on Viber (webhook signed like Viber's), organisers in the Telegram group. */
export const VIBER: Messenger = {
  name: "viber",
  async stage(options = {}) {
    const telegram = await startTelegramDouble();
    const viber = await startViberDouble();
    const port = await freePort();
    const viche = await startViche({
      telegram,
      ...options,
      env: {
        VIBER_AUTH_TOKEN: viber.authToken,
        VIBER_BOT_NAME: "Віче",
        VIBER_API_ROOT: viber.apiRoot,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        TELEGRAM_WEBHOOK_SECRET: "stage-secret",
        PORT: String(port),
        ...options.env,
      },
    });
    return {
      viche,
      telegram,
      viber,
      group: new OrganisersGroup(telegram),
      resident: (n, name) => viberResident(viber, n, name),
      errors: () => [...telegram.errors, ...viber.errors],
      async stop() {
        await viche.stop();
        await viber.close();
        await telegram.close();
      },
    };
  },
};

/** Every messenger the resident scenarios run on. */
export const MESSENGERS: readonly Messenger[] = [TELEGRAM, VIBER];
