import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger } from "pino";

/** International numbers (+380…) and Ukrainian local ones (0XX XXX XX XX); not chat ids. */
const PHONE = /\+\d[\d\s()-]{8,16}\d|\b0\d{2}[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b/g;

/**
 * Replaces every secret (bot tokens, auth tokens) and anything shaped like a phone number in
 * `text`. grammY's errors carry request URLs that contain the bot token, so every string that
 * reaches a log passes through here.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join("[secret]");
  }
  return out.replace(PHONE, "[phone]");
}

function scrubValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, secrets), stack: value.stack ? scrub(value.stack, secrets) : undefined };
  }
  if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = scrubValue(entry, secrets, depth + 1);
  return out;
}

/**
 * Creates the process logger. Every log line is scrubbed of `secrets` and phone numbers, so a
 * token or a resident's phone can never reach the log, whatever a caller passes. Personal data
 * that is useful for debugging is logged only at debug level, by the callers.
 */
export function createLogger(options: { level: string; secrets: readonly string[]; destination?: DestinationStream }): Logger {
  const secrets = options.secrets.filter((secret) => secret.length > 0);
  return pino(
    {
      level: options.level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => scrubValue(arg, secrets, 0)) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
