/**
 * Scenario 4, delivery at the limit: a burst of report cards to the organisers' group and a
 * broadcast to thousands of residents, with the Bot API double enforcing Telegram's limits (429
 * with retry_after). Achieved rate as a fraction of the limit, 429s provoked, messages lost.
 *
 * Time is scaled honestly:
 *  - group burst, real time, at Telegram's true limits (1/s per chat, 20/min per group, 30/s
 *    overall) and Viche's default pacing: 40 cards, i.e. two 60-second windows. The double's group
 *    window is fixed at 60 s, so raising the group limit would only make the whole burst fit in one
 *    window and stop testing pacing; two real windows do test it.
 *  - group burst of 500 cards with a fake clock: the real Pacer (src/core/outbox/pacing.ts) and the
 *    worker's retry rules against the same limit model as the double, 25 simulated minutes in
 *    milliseconds; the fix proposed for what it shows is simulated the same way.
 *  - broadcast, real time, at the true limits (30/s) and at 10× (the double's global limit and
 *    Viche's global pacing raised together to 300/s): the achieved rate is reported as a fraction
 *    of the configured limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pacer, PLATFORM_LIMITS, SlidingWindow, type PacingLimits } from "../../src/core/outbox/pacing.js";
import type { Sut } from "./child.js";
import { populateSqlite } from "./populate.js";
import { ORGANISERS_CHAT_ID, startDouble, startMeasured, waitUntil, type BenchContext } from "./stage.js";

/** Telegram's limits as the double enforces them. */
export interface LimitModel {
  readonly perChatPerSecond: number;
  readonly perGroupPerMinute: number;
  readonly globalPerSecond: number;
}

export const TELEGRAM_LIMITS: LimitModel = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

/** The double's admission rule (test/doubles/telegram-api.ts #admit) with an explicit clock. */
export class LimitSimulator {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly limits: LimitModel) {}

  /** Undefined when the send is admitted at `now` (and recorded), else retry_after in seconds. */
  admit(chatId: number, now: number): number | undefined {
    const windows: Array<[string, number, number]> = [
      ["global", this.limits.globalPerSecond, 1000],
      [`chat:${chatId}`, this.limits.perChatPerSecond, 1000],
      ...(chatId < 0 ? ([[`group:${chatId}`, this.limits.perGroupPerMinute, 60_000]] as Array<[string, number, number]>) : []),
    ];
    for (const [key, limit, windowMs] of windows) {
      const times = (this.times.get(key) ?? []).filter((time) => time > now - windowMs);
      this.times.set(key, times);
      const oldest = times[0];
      if (times.length >= limit && oldest !== undefined) return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    for (const [key] of windows) this.times.get(key)?.push(now);
    return undefined;
  }
}

/** The shortest time in which `count` sends to one group can be admitted (greedy, which is optimal here). */
export function idealGroupMs(count: number, limits: LimitModel = TELEGRAM_LIMITS): number {
  const model = new LimitSimulator(limits);
  let now = 0;
  let first: number | undefined;
  for (let sent = 0; sent < count;) {
    if (model.admit(ORGANISERS_CHAT_ID, now) === undefined) {
      first ??= now;
      sent += 1;
    } else now += 10;
  }
  return now - (first ?? 0);
}

/** Viche's pacer, optionally with the fix proposed: a per-chat window on the group lane too. */
interface PacerLike {
  waitMs(lane: string, now: number): number;
  record(lane: string, now: number): void;
}

/** The proposed pacing: the group lane also keeps Telegram's ~1 message per second per chat. */
export class PacerWithChatWindow implements PacerLike {
  private readonly chat: SlidingWindow;
  constructor(
    private readonly inner: Pacer,
    perChat: { limit: number; windowMs: number },
  ) {
    this.chat = new SlidingWindow(perChat.limit, perChat.windowMs);
  }
  waitMs(lane: string, now: number): number {
    return Math.max(this.inner.waitMs(lane, now), lane === "group" ? this.chat.waitMs(now) : 0);
  }
  record(lane: string, now: number): void {
    this.inner.record(lane, now);
    if (lane === "group") this.chat.record(now);
  }
}

/** What a fake-clock simulation of a group burst found. */
export interface SimulatedBurst {
  readonly pacing: string;
  readonly cards: number;
  readonly sends: number;
  readonly rateLimited: number;
  readonly lost: number;
  readonly minutes: number;
  /** Shortest possible time under the limits over the time taken. */
  readonly fractionOfLimit: number;
}

/**
 * Simulates the outbox worker delivering `cards` cards to the group, with a fake clock: the pacer
 * is asked before each send (and the lane held when it says wait); a send takes `sendMs`; a 429 is
 * retried after retry_after by grammY's auto-retry (3 times), then by the outbox after
 * retry_after + 100 ms, as src/core/outbox/worker.ts does. The pacer records after a send returns.
 */
export function simulateGroupBurst(pacing: string, pacer: PacerLike, cards: number, sendMs = 15, limits: LimitModel = TELEGRAM_LIMITS): SimulatedBurst {
  const model = new LimitSimulator(limits);
  let now = 0;
  let delivered = 0;
  let sends = 0;
  let rateLimited = 0;
  let first: number | undefined;
  let last = 0;
  const deadline = 24 * 3600 * 1000;
  while (delivered < cards && now < deadline) {
    const wait = pacer.waitMs("group", now);
    if (wait > 0) {
      now += wait;
      continue;
    }
    let attempt = 0;
    for (;;) {
      sends += 1;
      const retryAfter = model.admit(ORGANISERS_CHAT_ID, now);
      if (retryAfter === undefined) {
        first ??= now;
        last = now;
        now += sendMs;
        pacer.record("group", now);
        delivered += 1;
        break;
      }
      rateLimited += 1;
      now += sendMs;
      if (attempt < 3) {
        attempt += 1;
        now += retryAfter * 1000;
        continue;
      }
      now += retryAfter * 1000 + 100; // the outbox's retryLater
      break;
    }
  }
  const taken = last - (first ?? 0);
  return {
    pacing,
    cards,
    sends,
    rateLimited,
    lost: cards - delivered,
    minutes: Math.round((taken / 60_000) * 10) / 10,
    fractionOfLimit: taken > 0 ? idealGroupMs(cards, limits) / taken : 1,
  };
}

/** The fake-clock group burst with Viche's pacing (20 a minute and 1 a second to the group). */
export function simulatedBursts(cards = 500): SimulatedBurst[] {
  return [simulateGroupBurst("PLATFORM_LIMITS", new Pacer(PLATFORM_LIMITS), cards)];
}

/** What a real-time delivery run measured. */
export interface DeliveryRun {
  readonly label: string;
  /** The limit the rate is compared with, messages per second. */
  readonly limitPerSecond: number;
  readonly expected: number;
  readonly delivered: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly pending: number;
  readonly failed: number;
  readonly sends: number;
  readonly rateLimited: number;
  readonly seconds: number;
  readonly achievedPerSecond: number;
  /** Achieved rate over the limit (broadcast), or shortest possible time over time taken (group). */
  readonly fractionOfLimit: number;
}

/** Real-time burst of `count` cards to the group at Telegram's true limits and Viche's default pacing. */
export async function groupBurstRun(context: BenchContext, count: number): Promise<DeliveryRun> {
  const double = await startDouble({ ...TELEGRAM_LIMITS });
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-group-"));
  let sut: Sut | undefined;
  try {
    sut = await startMeasured(context, { kind: "viche", double, storageUrl: `sqlite://${join(dir, "bot.sqlite")}`, pacing: "platform" });
    // Let the start-up calls (setMyCommands, getChatMember ...) leave the 1-second windows.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const callsBefore = double.calls.length;
    const { refs } = await sut.request({ type: "cards", count }, "cards");
    const wanted = new Set(refs);
    const cardsIn = () => {
      const found = new Set<string>();
      for (const message of double.messagesTo(ORGANISERS_CHAT_ID)) {
        const ref = /"st:([A-Z]-\d+):/.exec(JSON.stringify(message.replyMarkup ?? {}))?.[1];
        if (ref && wanted.has(ref)) found.add(ref);
      }
      return found;
    };
    const bound = idealGroupMs(count) + 60_000;
    await waitUntil(() => cardsIn().size >= count, bound, 200);
    const outbox = await sut.request({ type: "outbox" }, "outbox");
    const calls = double.calls.slice(callsBefore).filter((call) => call.method === "sendMessage" && Number(call.params["chat_id"]) === ORGANISERS_CHAT_ID);
    const ok = calls.filter((call) => call.ok);
    const delivered = cardsIn().size;
    const seconds = ok.length > 1 ? ((ok.at(-1)?.time ?? 0) - (ok[0]?.time ?? 0)) / 1000 : 0;
    return {
      label: `group burst, ${count} cards, true limits, real time`,
      limitPerSecond: TELEGRAM_LIMITS.perGroupPerMinute / 60,
      expected: count,
      delivered,
      duplicates: ok.length - delivered,
      lost: count - delivered - outbox.pendingGroupItems - outbox.failed,
      pending: outbox.pendingGroupItems,
      failed: outbox.failed,
      sends: calls.length,
      rateLimited: calls.filter((call) => call.kind === "rate-limited").length,
      seconds,
      achievedPerSecond: seconds > 0 ? (delivered - 1) / seconds : 0,
      fractionOfLimit: seconds > 0 ? idealGroupMs(delivered) / 1000 / seconds : 0,
    };
  } finally {
    await sut?.stop().catch(() => undefined);
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Real-time broadcast to `residents` residents with the limits (double and pacing) scaled by `scale`. */
export async function broadcastRun(context: BenchContext, residents: number, scale: number): Promise<DeliveryRun> {
  const limits: LimitModel = { perChatPerSecond: 1, perGroupPerMinute: 20 * scale, globalPerSecond: 30 * scale };
  const pacing: PacingLimits = {
    group: { limit: 20 * scale, windowMs: 60_000 },
    resident: { limit: 1, windowMs: 1000 },
    global: { limit: 30 * scale, windowMs: 1000 },
  };
  const double = await startDouble({ ...limits });
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-broadcast-"));
  const base = 40_000_000;
  let sut: Sut | undefined;
  try {
    const path = join(dir, "bot.sqlite");
    await populateSqlite(path, { count: residents, base, seed: 5, now: Date.now() });
    for (let i = 0; i < residents; i += 1) double.addPrivateChat({ id: base + i, first_name: `Мешканець ${i}` });
    sut = await startMeasured(context, { kind: "viche", double, storageUrl: `sqlite://${path}`, pacing });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const callsBefore = double.calls.length;
    const text = `Збори громади в неділю о 12:00 (bench ${Date.now()})`;
    const { broadcast, total } = await sut.request({ type: "broadcast", text }, "broadcast");
    const bound = (total / limits.globalPerSecond) * 1000 * 3 + 30_000;
    const activeSut = sut;
    await waitUntil(
      async () => {
        const { counts } = await activeSut.request({ type: "broadcast-counts", broadcast }, "broadcast-counts");
        return counts.settled + counts.skipped >= total;
      },
      bound,
      250,
    );
    const { counts } = await sut.request({ type: "broadcast-counts", broadcast }, "broadcast-counts");
    const outbox = await sut.request({ type: "outbox" }, "outbox");
    const calls = double.calls
      .slice(callsBefore)
      .filter((call) => call.method === "sendMessage" && Number(call.params["chat_id"]) >= base && Number(call.params["chat_id"]) < base + residents);
    const ok = calls.filter((call) => call.ok && String(call.params["text"] ?? "").includes("bench"));
    const recipients = new Set(ok.map((call) => Number(call.params["chat_id"])));
    const seconds = ok.length > 1 ? ((ok.at(-1)?.time ?? 0) - (ok[0]?.time ?? 0)) / 1000 : 0;
    const achieved = seconds > 0 ? (ok.length - 1) / seconds : 0;
    // Not yet sent: still in the outbox, or not yet queued (the broadcast queues a window at a time).
    const pending = outbox.pendingItems - outbox.pendingGroupItems + (total - counts.enqueued - counts.skipped);
    return {
      label: `broadcast to ${residents} residents, ${scale === 1 ? "true limits" : `limits ×${scale}`} (${limits.globalPerSecond}/s), real time`,
      limitPerSecond: limits.globalPerSecond,
      expected: total,
      delivered: recipients.size,
      duplicates: ok.length - recipients.size,
      lost: total - recipients.size - pending - counts.failed - counts.skipped,
      pending,
      failed: counts.failed + outbox.failed,
      sends: calls.length,
      rateLimited: calls.filter((call) => call.kind === "rate-limited").length,
      seconds,
      achievedPerSecond: achieved,
      fractionOfLimit: achieved / limits.globalPerSecond,
    };
  } finally {
    await sut?.stop().catch(() => undefined);
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
