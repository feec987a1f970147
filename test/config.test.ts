import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../src/config.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function failure(env: Record<string, string>): string {
  try {
    createConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("configuration from the environment", () => {
  it("defaults to the simulator with SQLite when nothing is set", () => {
    const config = createConfig({});
    expect(config.simulator).toBe(true);
    expect(config.storageUrl).toBe("sqlite://./data/bot.sqlite");
    expect(config.port).toBe(8080);
    expect(config.defaultLocale).toBe("uk");
  });

  it("polls Telegram without PUBLIC_URL and takes webhooks with it", () => {
    const polling = createConfig({ TELEGRAM_BOT_TOKEN: "123456:ABCDEF", ORGANISERS_CHAT_ID: "-100123" });
    expect(polling.telegram?.webhook).toBeUndefined();
    expect(polling.telegram?.apiRoot).toBe("https://api.telegram.org");
    const webhook = createConfig({ TELEGRAM_BOT_TOKEN: "123456:ABCDEF", PUBLIC_URL: "https://bot.example.org/", TELEGRAM_WEBHOOK_SECRET: "s3cret_-" });
    expect(webhook.telegram?.webhook).toEqual({ url: "https://bot.example.org/telegram", secret: "s3cret_-" });
    // Issue 15: PUBLIC_URL alone suffices (the secret is generated and stored), and production
    // starts without ORGANISERS_CHAT_ID (the group is connected with /connect).
    const generated = createConfig({ NODE_ENV: "production", TELEGRAM_BOT_TOKEN: "123456:ABCDEF", PUBLIC_URL: "https://x.org" });
    expect(generated.telegram?.webhook).toEqual({ url: "https://x.org/telegram", secret: undefined });
    expect(generated.telegram?.organisersChatId).toBeUndefined();
  });

  it("names the variable and what it expects, in one line", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: "eighty" }, /^PORT must be a port number/],
      [{ PORT: "70000" }, /^PORT must be a port number from 1 to 65535/],
      [{ STORAGE_URL: "mysql://x" }, /^STORAGE_URL must be sqlite:\/\/.* or redis:\/\//],
      [{ DEFAULT_LOCALE: "de" }, /^DEFAULT_LOCALE must be uk or en/],
      [{ TELEGRAM_BOT_TOKEN: "nonsense" }, /^TELEGRAM_BOT_TOKEN must be a bot token from @BotFather/],
      [{ ORGANISERS_CHAT_ID: "my group" }, /^ORGANISERS_CHAT_ID must be .*\/chatid/],
      [{ VIBER_AUTH_TOKEN: "abc" }, /^TELEGRAM_BOT_TOKEN must be set when VIBER_AUTH_TOKEN is/],
      [{ TELEGRAM_BOT_TOKEN: "123456:ABCDEF", VIBER_AUTH_TOKEN: "abc" }, /^VIBER_BOT_NAME must be set/],
      [{ NODE_ENV: "production" }, /^NODE_ENV=production needs a messenger: set TELEGRAM_BOT_TOKEN/],
    ];
    for (const [env, expected] of cases) {
      const message = failure(env);
      expect(message).toMatch(expected);
      expect(message).not.toContain("\n");
    }
  });

  it("never repeats a token in an error", () => {
    expect(failure({ TELEGRAM_BOT_TOKEN: "secret-token-value" })).not.toContain("secret-token-value");
  });

  it("exits 1 with that line when started with a bad value, and in production without a token", () => {
    const bad = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", PORT: "eighty" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('Configuration error: PORT must be a port number (got "eighty").');
    const production = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(production.status).toBe(1);
    expect(production.stderr).toContain("TELEGRAM_BOT_TOKEN");
    expect(production.stderr).toContain("VIBER_AUTH_TOKEN");
  });
});
