import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, visibleText, type TelegramDouble } from "../doubles/telegram-api.js";
import { startViberDouble, type ViberDouble } from "../doubles/viber-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { freePort, ORGANISERS_CHAT_ID, startViche, type RunningViche } from "../helpers/viche.js";

describe("Viber deep links without VIBER_CHAT_URI", () => {
  let telegram: TelegramDouble;
  let viber: ViberDouble;
  let viche: RunningViche;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    viber = await startViberDouble({ accountUri: "viche_zhytomyr" });
    const port = await freePort();
    viche = await startViche({
      telegram,
      env: {
        VIBER_AUTH_TOKEN: viber.authToken,
        VIBER_BOT_NAME: "Віче",
        VIBER_API_ROOT: viber.apiRoot,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        PORT: String(port),
      },
    });
  });
  afterAll(async () => {
    await viche?.stop();
    await viber?.close();
    await telegram?.close();
  });

  it("/link makes the Viber link with the chat URI Viber's get_account_info gives", async () => {
    expect(viber.calls.some((call) => call.endpoint === "get_account_info" && call.kind === "ok")).toBe(true);
    await new OrganisersGroup(telegram).command("/link village_fair");
    const qr = await telegram.waitFor((message) => message.document?.fileName === "qr-viber-village_fair.png", {
      chatId: ORGANISERS_CHAT_ID,
      timeoutMs: 10_000,
    });
    expect(visibleText(qr)).toContain("viber://pa?chatURI=viche_zhytomyr&context=village_fair");
    expect([...telegram.errors, ...viber.errors]).toEqual([]);
  });
});
