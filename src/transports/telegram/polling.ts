import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Storage } from "../../storage/storage.js";
import { OutageNotice, reasonOf } from "../../core/outage.js";

/** Dependencies of {@link Poller}. */
export interface PollerOptions {
  readonly bot: Bot;
  readonly storage: Storage;
  readonly logger: Logger;
  readonly allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  /** Long-poll timeout in seconds (Telegram holds getUpdates this long when there is nothing). */
  readonly timeoutSeconds?: number;
}

/** The chat whose order an update belongs to (updates of one chat are handled one after another). */
function chatOf(update: Update): string {
  const chat =
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.callback_query?.from.id ??
    update.my_chat_member?.chat.id;
  return String(chat ?? "");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Long polling that loses nothing. Telegram forgets an update once getUpdates is called with a
 * higher offset, so the offset moves only after the whole batch was handled AND storage flushed:
 * a crash, or a storage outage of any length, leaves the batch with Telegram, which sends it again
 * (updates handled before the crash are recognised and skipped, see the bot's update memory).
 * Chats are handled side by side, each chat's updates in order. An update that fails while
 * storage is down waits for storage and is tried again, however long that takes; one that fails
 * with storage up is at fault itself and is logged and passed over, as the webhook does.
 */
export class Poller {
  private offset: number | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private readonly outage: OutageNotice;

  constructor(private readonly options: PollerOptions) {
    this.outage = new OutageNotice(options.logger, "storage", "Telegram updates (kept by Telegram until handled)");
  }

  /** Starts polling in the background. */
  start(): void {
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops after the batch in hand, confirming it to Telegram. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.loop;
    if (this.offset !== undefined) {
      await this.options.bot.api.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }).catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    const { bot, logger } = this.options;
    let failures = 0;
    while (!this.stopped) {
      let updates: Update[];
      try {
        this.abort = new AbortController();
        updates = await bot.api.getUpdates(
          {
            ...(this.offset !== undefined ? { offset: this.offset } : {}),
            timeout: this.options.timeoutSeconds ?? 30,
            allowed_updates: this.options.allowedUpdates,
          },
          // grammY types its signal with the abort-controller shim; Node's own is what it gets at runtime.
          this.abort.signal as Parameters<Bot["api"]["getUpdates"]>[1],
        );
        if (failures > 0) logger.info({ failures }, "telegram: getUpdates works again");
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        if (failures === 1) logger.warn({ reason: reasonOf(error) }, "telegram: getUpdates failed; retrying");
        logger.debug({ err: error }, "telegram: getUpdates failure");
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (updates.length === 0) continue;
      await this.handleBatch(updates);
      const last = updates.at(-1);
      if (last) this.offset = last.update_id + 1;
    }
  }

  private async handleBatch(updates: readonly Update[]): Promise<void> {
    const byChat = new Map<string, Update[]>();
    for (const update of updates) {
      const chat = chatOf(update);
      byChat.set(chat, [...(byChat.get(chat) ?? []), update]);
    }
    await Promise.all(
      [...byChat.values()].map(async (chatUpdates) => {
        for (const update of chatUpdates) await this.handleOne(update);
      }),
    );
    // Only what is durable is confirmed: until flush succeeds the batch stays with Telegram.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.storage.flush();
        return;
      } catch (error) {
        this.outage.fail(error, "flush");
        await sleep(Math.min(5000, 250 * attempt));
      }
    }
  }

  private async handleOne(update: Update): Promise<void> {
    const { bot, storage, logger } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await bot.handleUpdate(update);
        this.outage.ok();
        return;
      } catch (error) {
        const cause = error instanceof BotError ? error.error : error;
        if (await storage.ping()) {
          logger.error({ err: cause, update: update.update_id }, "telegram: update failed");
          return;
        }
        this.outage.fail(cause, String(update.update_id));
        await sleep(Math.min(5000, 250 * attempt));
      }
    }
  }
}
