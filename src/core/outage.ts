import type { Logger } from "pino";

/**
 * Quiet, useful logs while a dependency is down: one warning when it goes down, one when it is
 * back (how long, how many items waited), a counter in between, details at debug. Without this a
 * loop that retries every 250 ms writes a stack trace every 250 ms.
 */
export class OutageNotice {
  private since: number | undefined;
  private readonly waiting = new Set<string>();
  /** Failures seen during the current outage (0 when the dependency is up). */
  failures = 0;
  /** Outages since start. */
  outages = 0;

  constructor(
    private readonly logger: Logger,
    /** What is down, in an operator's words ("storage", "telegram"). */
    private readonly dependency: string,
    /** What waits meanwhile, plural ("Telegram updates", "deliveries"). */
    private readonly waits: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while the dependency is down. */
  get down(): boolean {
    return this.since !== undefined;
  }

  /** Records a failure; `item` names what had to wait (counted once). The first failure is the warning. */
  fail(error: unknown, item?: string): void {
    this.failures += 1;
    if (item !== undefined && this.waiting.size < 1_000_000) this.waiting.add(item);
    this.logger.debug({ err: error, dependency: this.dependency, failures: this.failures }, `${this.dependency}: still unavailable`);
    if (this.since !== undefined) return;
    this.since = this.now();
    this.outages += 1;
    this.logger.warn(
      { dependency: this.dependency, waits: this.waits, reason: reasonOf(error) },
      `${this.dependency} unavailable: ${this.waits} wait and are retried until it is back`,
    );
  }

  /** Records a success; the first after an outage is the "back" warning. */
  ok(): void {
    if (this.since === undefined) return;
    const downForMs = this.now() - this.since;
    this.logger.warn(
      { dependency: this.dependency, waits: this.waits, downForMs, failures: this.failures, waited: this.waiting.size },
      `${this.dependency} is back after ${Math.round(downForMs / 1000)} s: ${this.waits} go on (${this.waiting.size} had to wait)`,
    );
    this.since = undefined;
    this.failures = 0;
    this.waiting.clear();
  }
}

/** A one-line reason without a stack trace. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
