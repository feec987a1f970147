/**
 * Per-resident flood control in this process: at most `limit` events per window; the first event
 * over the limit gets a warning, the rest are dropped until the window has room again.
 */
export class FloodGuard {
  private readonly events = new Map<string, number[]>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: { readonly limit: number; readonly windowMs: number }) {}

  /** Counts one event of `key` at `now`: "ok", "warn" (tell them once) or "drop". */
  check(key: string, now: number): "ok" | "warn" | "drop" {
    const recent = (this.events.get(key) ?? []).filter((at) => at > now - this.options.windowMs);
    if (recent.length < this.options.limit) {
      recent.push(now);
      this.events.set(key, recent);
      this.warned.delete(key);
      if (this.events.size > 50_000) this.events.delete(this.events.keys().next().value ?? key);
      return "ok";
    }
    if (this.warned.has(key)) return "drop";
    this.warned.add(key);
    return "warn";
  }
}
