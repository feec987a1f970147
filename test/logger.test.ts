import { describe, expect, it } from "vitest";
import { createLogger, scrub } from "../src/logger.js";
import { LogCapture } from "./helpers/viche.js";

const TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

describe("logs never carry tokens or phone numbers", () => {
  it("scrubs a bot token inside an error's URL and a phone number in any field", async () => {
    const capture = new LogCapture();
    const logger = createLogger({ level: "info", secrets: [TOKEN], destination: capture });
    const error = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
    logger.error({ err: error, note: "resident +380 67 123 45 67 wrote" }, `failed for ${TOKEN}`);
    logger.info({ phone: "0671234567" }, "contact received");
    await new Promise((resolve) => setImmediate(resolve));
    const text = capture.lines.join("\n");
    expect(capture.lines).toHaveLength(2);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    expect(text).not.toMatch(/67 ?123 ?45 ?67/);
    expect(text).toContain("[secret]");
    expect(text).toContain("[phone]");
  });

  it("keeps chat ids and references readable", () => {
    expect(scrub("chat -1001234567890 ref C-1042 update 123456789", [])).toBe("chat -1001234567890 ref C-1042 update 123456789");
  });
});
