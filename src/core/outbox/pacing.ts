import { isGroupLane } from "./outbox.js";

/**
 * Keeps sends within a platform's limits: at most `limit` sends in any window of `windowMs`.
 * Sliding windows rather than token buckets, because Telegram counts "20 messages per minute in a
 * group" over any minute, and a bucket that starts full would allow 39 in one.
 */
export class SlidingWindow {
  private readonly sent: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds to wait before `count` more sends are allowed at `now` (0 = go ahead). */
  waitMs(now: number, count = 1): number {
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - this.windowMs) this.sent.shift();
    const over = this.sent.length + Math.min(count, this.limit) - this.limit;
    if (over <= 0) return 0;
    return (this.sent[over - 1] ?? now) + this.windowMs - now;
  }

  /** Records `count` sends at `now`. */
  record(now: number, count = 1): void {
    for (let sent = 0; sent < count; sent += 1) this.sent.push(now);
  }
}

/** Limits per lane kind, from the platforms' rules (see docs on platform limits). */
export interface PacingLimits {
  /** Messages to each organisers' group: Telegram allows 20 per minute (and, as to any chat, about 1 a second). */
  readonly group: { readonly limit: number; readonly windowMs: number };
  /** Messages to one chat on average: about 1 per second. */
  readonly resident: { readonly limit: number; readonly windowMs: number };
  /** Messages to one resident in a short burst (an answer of two or three messages goes out at once); none when absent. */
  readonly residentBurst?: { readonly limit: number; readonly windowMs: number };
  /**
   * Messages to a group in a short time, instead of a chat's average and burst; absent: as any chat.
   * Telegram tolerates short bursts to a chat, but a group gets at most 20 a minute and cards are
   * not waited for by the second, so the group is sent one message a second, never a burst.
   */
  readonly groupChat?: { readonly limit: number; readonly windowMs: number };
  /** Messages overall: about 30 per second. */
  readonly global: { readonly limit: number; readonly windowMs: number };
}

/** Telegram's published limits. */
export const PLATFORM_LIMITS: PacingLimits = {
  group: { limit: 20, windowMs: 60_000 },
  resident: { limit: 10, windowMs: 10_000 },
  residentBurst: { limit: 3, windowMs: 1000 },
  groupChat: { limit: 1, windowMs: 1000 },
  global: { limit: 30, windowMs: 1000 },
};

/** One limiter per lane plus a global one. */
export class Pacer {
  private readonly lanes = new Map<string, SlidingWindow[]>();
  private readonly global: SlidingWindow;

  constructor(private readonly limits: PacingLimits) {
    this.global = new SlidingWindow(limits.global.limit, limits.global.windowMs);
  }

  /** Milliseconds until `lane` may send `count` messages at `now`. */
  waitMs(lane: string, now: number, count = 1): number {
    return Math.max(...this.windows(lane).map((window) => window.waitMs(now, count)), this.global.waitMs(now, count));
  }

  /** Milliseconds until any lane may send, as far as the overall limit goes. */
  globalWaitMs(now: number): number {
    return this.global.waitMs(now);
  }

  /** Milliseconds one message takes at the overall rate (Telegram: about 33). */
  get globalSlotMs(): number {
    return this.limits.global.windowMs / this.limits.global.limit;
  }

  /** Records `count` sends on `lane`. */
  record(lane: string, now: number, count = 1): void {
    for (const window of this.windows(lane)) window.record(now, count);
    this.global.record(now, count);
  }

  private windows(lane: string): SlidingWindow[] {
    let windows = this.lanes.get(lane);
    if (!windows) {
      // A group is a chat too: besides its 20 a minute, one a second (groupChat), or else the same average and burst as any chat.
      const { groupChat } = this.limits;
      const chat = [
        new SlidingWindow(this.limits.resident.limit, this.limits.resident.windowMs),
        ...(this.limits.residentBurst ? [new SlidingWindow(this.limits.residentBurst.limit, this.limits.residentBurst.windowMs)] : []),
      ];
      windows = isGroupLane(lane)
        ? [
            new SlidingWindow(this.limits.group.limit, this.limits.group.windowMs),
            ...(groupChat ? [new SlidingWindow(groupChat.limit, groupChat.windowMs)] : chat),
          ]
        : chat;
      this.lanes.set(lane, windows);
      if (this.lanes.size > 10_000) this.lanes.delete(this.lanes.keys().next().value ?? lane);
    }
    return windows;
  }
}
