import { pino } from "pino";
import { startApp } from "./app.js";
import { ConfigError, createConfig, type Config } from "./config.js";
import { ContentError } from "./core/content.js";
import { LocaleError } from "./core/i18n.js";
import { createLogger } from "./logger.js";
import { runSimulator } from "./transports/simulator/terminal.js";
import { loadEnvFile } from "./ops/env-file.js";

function secretsOf(config: Config): string[] {
  return [config.telegram?.token, config.telegram?.webhook?.secret, config.viber?.authToken].filter((value): value is string => Boolean(value));
}

/**
 * The composition root: config → logger → app (storage, content, core, transports) → signals.
 * Configuration and content problems end the process with one clear line and exit code 1.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    // .env in the working directory, when present; the real environment wins over it.
    loadEnvFile();
    config = createConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  if (config.simulator) {
    // Logs go to stderr at warn level so they do not interleave with the chat.
    const logger = createLogger({
      level: process.env.LOG_LEVEL ? config.logLevel : "warn",
      secrets: [],
      destination: pino.destination({ dest: 2, sync: true }),
    });
    await runSimulator({ config, logger, input: process.stdin, output: process.stdout });
    process.exit(0);
  }

  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const app = await startApp(config, { logger, announce: (line) => process.stdout.write(`${line}\n`) });
  logger.info({ telegram: Boolean(config.telegram), viber: Boolean(config.viber), storage: app.storage.kind }, "viche started");

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing updates in flight and flushing the outbox");
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "stop failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ContentError || error instanceof LocaleError) {
    process.stderr.write(`Content error: ${error.message}\n`);
    process.exit(1);
  }
  const message = error instanceof Error ? error.message : String(error);
  const secrets = [process.env.TELEGRAM_BOT_TOKEN, process.env.VIBER_AUTH_TOKEN, process.env.TELEGRAM_WEBHOOK_SECRET].filter((value): value is string =>
    Boolean(value),
  );
  const scrubbed = secrets.reduce((text, secret) => text.split(secret).join("[secret]"), message);
  process.stderr.write(`Viche could not start: ${scrubbed}\n`);
  process.exit(1);
});
