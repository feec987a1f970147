import { z } from "zod";

const telegramSecret = /^[A-Za-z0-9_-]{1,256}$/;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s]+$/.test(value), { message: `${what}, e.g. https://example.org` });

/** The environment Viche reads, with defaults. Every name is documented in the README. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  TELEGRAM_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{5,}$/, { message: "a bot token from @BotFather, like 123456789:AAE…" })
      .optional(),
  ),
  TELEGRAM_API_ROOT: url("the Bot API server's address").default("https://api.telegram.org"),
  ORGANISERS_CHAT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^-?\d+$/, { message: "the organisers' group id, a number like -1001234567890 (send /chatid in the group)" })
      .optional(),
  ),
  VIBER_AUTH_TOKEN: optionalText,
  VIBER_BOT_NAME: optionalText.pipe(z.string().max(28, { message: "at most 28 characters (Viber's limit)" }).optional()),
  VIBER_BOT_AVATAR: optionalText.pipe(url("a public image address").optional()),
  VIBER_API_ROOT: url("the Viber API address").default("https://chatapi.viber.com/pa"),
  VIBER_CHAT_URI: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: "the bot's chat URI from the Viber admin panel (letters, digits, _ . -), e.g. viche" })
      .optional(),
  ),
  PUBLIC_URL: optionalText.pipe(url("the public https address of this server").optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(z.string().regex(telegramSecret, { message: "1-256 characters of A-Z a-z 0-9 _ -" }).optional()),
  PORT: z.coerce
    .number({ message: "a port number" })
    .int({ message: "a whole port number" })
    .min(1, { message: "a port number from 1 to 65535" })
    .max(65535, { message: "a port number from 1 to 65535" })
    .default(8080),
  STORAGE_URL: z
    .string()
    .trim()
    .refine((value) => /^(sqlite:\/\/.+|rediss?:\/\/.+)$/.test(value), {
      message: "sqlite://./data/bot.sqlite or redis://host:6379/0",
    })
    .default("sqlite://./data/bot.sqlite"),
  DEFAULT_LOCALE: z.enum(["uk", "en"], { message: "uk or en" }).default("uk"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  CONTENT_DIR: optionalText,
  METRICS_PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, { message: "a port number from 1 to 65535" })
      .transform(Number)
      .refine((port) => port >= 1 && port <= 65535, { message: "a port number from 1 to 65535" })
      .optional(),
  ),
  METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, { message: "at least 16 characters (a bearer token for GET /metrics)" }).optional()),
  REPORTS_PER_DAY: z.coerce
    .number({ message: "a whole number of reports, e.g. 5" })
    .int({ message: "a whole number of reports, e.g. 5" })
    .min(1, { message: "at least 1" })
    .default(5),
  OPEN_REPORTS_PER_RESIDENT: z.coerce
    .number({ message: "a whole number of reports, e.g. 10" })
    .int({ message: "a whole number of reports, e.g. 10" })
    .min(1, { message: "at least 1" })
    .default(10),
  ORGANISER_TOOLS_FOR: z.enum(["admins", "members"], { message: "admins or members" }).default("admins"),
  FLOOD_EVENTS_PER_MINUTE: z.coerce.number({ message: "a whole number of events, e.g. 30" }).int().min(5, "at least 5").max(10_000).default(30),
});

/** Telegram settings, present only when a bot token is configured. */
export interface TelegramConfig {
  readonly token: string;
  readonly apiRoot: string;
  /** ORGANISERS_CHAT_ID; undefined = the group is connected from Telegram with /connect. */
  readonly organisersChatId: number | undefined;
  /**
   * Set when PUBLIC_URL is: updates arrive at POST /telegram, checked against the secret
   * (TELEGRAM_WEBHOOK_SECRET; when unset, one generated at first start and kept in storage).
   */
  readonly webhook: { readonly url: string; readonly secret: string | undefined } | undefined;
  /**
   * Who in the organisers' group may use /export, /broadcast, /ban, /unban, /summary and /link:
   * its administrators (default) or every member.
   */
  readonly organiserToolsFor: "admins" | "members";
}

/** Viber settings, present only when an auth token is configured. */
export interface ViberConfig {
  readonly authToken: string;
  readonly botName: string;
  readonly avatar: string | undefined;
  readonly apiRoot: string;
  /** Where Viber should send callbacks; registered at start when PUBLIC_URL is set. */
  readonly webhookUrl: string | undefined;
  /** VIBER_CHAT_URI: the bot's chat URI, for deep links (/link); undefined = asked from Viber (get_account_info). */
  readonly chatUri: string | undefined;
}

/**
 * GET /metrics (Prometheus): on its own port bound to `host` (METRICS_PORT, METRICS_HOST, default
 * 127.0.0.1), and/or on the main port behind `Authorization: Bearer METRICS_TOKEN`.
 */
export interface MetricsConfig {
  readonly port: number | undefined;
  readonly host: string;
  readonly token: string | undefined;
}

/** The parsed, validated configuration. Build it with {@link createConfig}. */
export interface Config {
  readonly production: boolean;
  readonly telegram: TelegramConfig | undefined;
  readonly viber: ViberConfig | undefined;
  /** True when neither messenger is configured: `npm start` opens the terminal simulator. */
  readonly simulator: boolean;
  readonly port: number;
  readonly storageUrl: string;
  readonly defaultLocale: "uk" | "en";
  readonly logLevel: string;
  /** Directory of operator-replaceable content (programme, organisation); undefined = bundled. */
  readonly contentDir: string | undefined;
  /** Undefined when neither METRICS_PORT nor METRICS_TOKEN is set: no /metrics at all. */
  readonly metrics: MetricsConfig | undefined;
  /** Caps per resident: complaints and questions per 24 hours (REPORTS_PER_DAY) and open at once (OPEN_REPORTS_PER_RESIDENT). */
  readonly limits: { readonly perDay: number; readonly open: number };
  /** More events than this from one resident within a minute is a flood: they are told once, then ignored a while. */
  readonly floodEventsPerMinute: number;
}

/** A configuration problem: one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, "");
}

/**
 * Parses the environment into a {@link Config}. Pure: reads only `env`. Throws a
 * {@link ConfigError} whose message is a single line naming the variable at fault.
 */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const given = env[name];
    const shown = given === undefined || name.includes("TOKEN") || name.includes("SECRET") ? "" : ` (got "${given}")`;
    throw new ConfigError(`${name} must be ${issue?.message ?? "valid"}${shown}.`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const publicUrl = e.PUBLIC_URL ? trimSlash(e.PUBLIC_URL) : undefined;

  if (production && !e.TELEGRAM_BOT_TOKEN && !e.VIBER_AUTH_TOKEN) {
    throw new ConfigError("NODE_ENV=production needs a messenger: set TELEGRAM_BOT_TOKEN, VIBER_AUTH_TOKEN, or both.");
  }
  if (e.VIBER_AUTH_TOKEN && !e.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError("TELEGRAM_BOT_TOKEN must be set when VIBER_AUTH_TOKEN is: organisers receive Viber residents' reports in their Telegram group.");
  }
  if (e.VIBER_AUTH_TOKEN && !e.VIBER_BOT_NAME) {
    throw new ConfigError("VIBER_BOT_NAME must be set when VIBER_AUTH_TOKEN is (the sender name residents see, up to 28 characters).");
  }

  const telegram: TelegramConfig | undefined = e.TELEGRAM_BOT_TOKEN
    ? {
        token: e.TELEGRAM_BOT_TOKEN,
        apiRoot: trimSlash(e.TELEGRAM_API_ROOT),
        organisersChatId: e.ORGANISERS_CHAT_ID === undefined ? undefined : Number(e.ORGANISERS_CHAT_ID),
        webhook: publicUrl ? { url: `${publicUrl}/telegram`, secret: e.TELEGRAM_WEBHOOK_SECRET } : undefined,
        organiserToolsFor: e.ORGANISER_TOOLS_FOR,
      }
    : undefined;
  const viber: ViberConfig | undefined = e.VIBER_AUTH_TOKEN
    ? {
        authToken: e.VIBER_AUTH_TOKEN,
        botName: e.VIBER_BOT_NAME ?? "Viche",
        avatar: e.VIBER_BOT_AVATAR,
        apiRoot: trimSlash(e.VIBER_API_ROOT),
        webhookUrl: publicUrl ? `${publicUrl}/viber` : undefined,
        chatUri: e.VIBER_CHAT_URI,
      }
    : undefined;

  return {
    production,
    telegram,
    viber,
    simulator: !telegram && !viber,
    port: e.PORT,
    storageUrl: e.STORAGE_URL,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    contentDir: e.CONTENT_DIR,
    metrics: e.METRICS_PORT !== undefined || e.METRICS_TOKEN ? { port: e.METRICS_PORT, host: e.METRICS_HOST, token: e.METRICS_TOKEN } : undefined,
    limits: { perDay: e.REPORTS_PER_DAY, open: e.OPEN_REPORTS_PER_RESIDENT },
    floodEventsPerMinute: e.FLOOD_EVENTS_PER_MINUTE,
  };
}
