import { run, type RunnerHandle } from "@grammyjs/runner";
import { timingSafeEqual } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Composer, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { loadContent, type Content } from "./core/content.js";
import { Core } from "./core/core.js";
import { createTranslator, type Translator } from "./core/i18n.js";
import { MediaStore } from "./core/media.js";
import { DeliveryError, laneOf, Outbox, type OutboxItem } from "./core/outbox/outbox.js";
import type { PacingLimits } from "./core/outbox/pacing.js";
import { OutboxWorker } from "./core/outbox/worker.js";
import { createProgrammeSearch } from "./core/programme/search.js";
import { cardAsText, cardModel } from "./core/reports/card.js";
import type { Channel, OutgoingMessage } from "./core/types.js";
import { CardDesk } from "./transports/telegram/desk/cards.js";
import { announceConnectCode, connectCommand } from "./transports/telegram/desk/connect.js";
import { ConnectedDesk } from "./transports/telegram/desk/connected-desk.js";
import { OrganisersChat } from "./transports/telegram/desk/organisers-chat.js";
import { OrganiserScheduler } from "./core/organisers/scheduler.js";
import { organiserTools, setOrganiserCommands } from "./transports/telegram/desk/tools.js";
import { HttpServer, parseJson } from "./server.js";
import { openStorage } from "./storage/open.js";
import type { Storage } from "./storage/storage.js";
import { createTelegramBot, setCommandMenus } from "./transports/telegram/bot.js";
import { sendToTelegram } from "./transports/telegram/sender.js";
import { webhookSecret } from "./transports/telegram/webhook-secret.js";
import { ViberClient } from "./transports/viber/client.js";
import { ShownButtons } from "./transports/viber/shown.js";
import { renderForViber } from "./transports/viber/render.js";
import { viberWebhook } from "./transports/viber/webhook.js";
import { viberChatUri } from "./transports/viber/account.js";
import { mainMenuButtons } from "./core/features/menu.js";
import { instrumentStorage } from "./ops/instrumented-storage.js";
import { Metrics, observedViberWebhook } from "./ops/metrics.js";
import { serveMetrics } from "./ops/metrics-server.js";

/** Where the bundled locales and content live, wherever the process was started from. */
export const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

/** Sends messages to residents of one messenger; throws DeliveryError when it cannot. */
export type ResidentSender = (id: string, messages: readonly OutgoingMessage[]) => Promise<void>;

/** Posts cards and notes to the organisers (the Telegram group, or the simulator's screen). */
export interface OrganisersSink {
  deliverCard(ref: string): Promise<void>;
  deliverNote(ref: string | undefined, key: string, args?: Record<string, string | number>): Promise<void>;
}

/** Options beyond the environment, for tests, the simulator and the benchmark. */
export interface AppOptions {
  readonly logger: Logger;
  /** The bot's identity when known (skips getMe; tests). */
  readonly botInfo?: UserFromGetMe;
  /** Outbox pacing; defaults to the platforms' published limits. */
  readonly pacing?: PacingLimits;
  /** Replaces the Telegram side entirely (the terminal simulator). */
  readonly simulator?: { readonly sender: ResidentSender; readonly organisers: OrganisersSink };
  /** Listen on this port instead of config.port (0 = any free port; tests). */
  readonly port?: number;
  readonly now?: () => number;
  /** How long a client may take to send a request body before it gets 408 (default 10 s). */
  readonly bodyTimeoutMs?: number;
  /** Per-resident flood limit (see Core). */
  readonly flood?: { readonly limit: number; readonly windowMs: number };
  /** Shows the operator a line they must act on (the /connect code); main prints it on stdout. */
  readonly announce?: (line: string) => void;
}

/** A running Viche. */
export interface App {
  readonly core: Core;
  readonly storage: Storage;
  readonly content: Content;
  readonly translator: Translator;
  readonly outbox: Outbox;
  readonly worker: OutboxWorker;
  /** Moves broadcasts forward, asks follow-ups, flags idle reports; `tick(now)` does one round (tests). */
  readonly scheduler: OrganiserScheduler;
  readonly bot: Bot | undefined;
  /** The organisers' group (ORGANISERS_CHAT_ID or connected with /connect), when Telegram runs. */
  readonly organisersChat: OrganisersChat | undefined;
  /** The HTTP port, when the server runs. */
  readonly port: number | undefined;
  /** Prometheus metrics (served at GET /metrics when METRICS_PORT or METRICS_TOKEN is set). */
  readonly metrics: Metrics;
  /** The port of the separate metrics server (METRICS_PORT), when it runs. */
  readonly metricsPort: number | undefined;
  /** Stops taking updates, finishes what is in flight, flushes the outbox (up to `flushMs`), closes. */
  stop(flushMs?: number): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Starts Viche from a parsed config: storage, content, the core, the outbox worker, the
 * messengers that are configured and the HTTP server. The composition root; `main` only adds
 * process concerns (signals, exit codes).
 */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const contentDir = config.contentDir ?? `${LOCALES_DIR}/content`;
  const content = loadContent(contentDir);
  const translator = createTranslator(LOCALES_DIR);
  // Scraped lazily: the outbox and the broadcasts exist by the time anyone reads /metrics.
  const metrics = new Metrics({ laneDepths: () => outbox.laneDepths(), broadcastsInProgress: () => core.broadcasts.inProgress() });
  const storage = instrumentStorage(await openStorage(config.storageUrl), (operation) => metrics.storageError(operation));
  const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });
  const outbox = new Outbox(storage);
  const media = new MediaStore(storage);
  let worker: OutboxWorker | undefined;
  const core = new Core({
    storage,
    content,
    translator,
    search,
    outbox,
    logger,
    defaultLocale: config.defaultLocale,
    now,
    wake: () => worker?.wake(),
    ...(options.flood ? { flood: options.flood } : {}),
    limits: config.limits,
  });

  await core.learned.load();

  const senders = new Map<Channel, ResidentSender>();
  let organisers: OrganisersSink | undefined = options.simulator?.organisers;
  let bot: Bot | undefined;
  if (options.simulator) senders.set("telegram", options.simulator.sender);

  /**
   * Answers the resident who just wrote. Sent at once; when the platform is down the answer is
   * queued in the outbox instead of lost.
   */
  const reply =
    (channel: Channel) =>
    async (id: string, messages: readonly OutgoingMessage[]): Promise<void> => {
      const sender = senders.get(channel);
      if (!sender || messages.length === 0) return;
      // What the resident is about to read ("sent: C-1042") is stored for good first.
      await storage.flush();
      try {
        await sender(id, messages);
      } catch (error) {
        if (error instanceof DeliveryError && error.permanent) {
          logger.info({ channel, reason: error.reason }, "reply not delivered");
          return;
        }
        logger.warn({ channel, err: error }, "reply failed; queued in the outbox");
        await outbox.enqueue({ type: "resident", resident: { channel, id }, messages, purpose: "notice" }, now());
        worker?.wake();
      }
    };

  const viber = options.simulator ? undefined : config.viber;
  const viberClient = viber ? new ViberClient(viber.apiRoot, viber.authToken) : undefined;
  const chatUri = viber && viberClient ? await viberChatUri(viberClient, viber.chatUri, logger) : undefined;
  const telegram = options.simulator ? undefined : config.telegram;
  const organisersChat = telegram ? await OrganisersChat.open(storage, telegram.organisersChatId) : undefined;
  if (telegram && organisersChat) {
    const tools = organiserTools({
      chatId: () => organisersChat.id,
      core,
      storage,
      content,
      translator,
      locale: config.defaultLocale,
      logger,
      viberChatUri: chatUri,
      viber: Boolean(config.viber),
      now,
    });
    const routedChatIds = Object.values(content.organisation.routing).flatMap((route) => (route.chatId !== undefined ? [route.chatId] : []));
    bot = createTelegramBot({
      config: telegram,
      core,
      storage,
      translator,
      organisersLocale: config.defaultLocale,
      logger,
      reply: reply("telegram"),
      waitForStorage: !telegram.webhook,
      organisersChatId: () => organisersChat.id,
      observeUpdate: (kind, seconds) => metrics.observeUpdate("telegram", kind, seconds),
      organiserTools: new Composer(
        connectCommand({
          chat: organisersChat,
          translator,
          locale: config.defaultLocale,
          logger,
          onConnected: (chatId) => onGroupConnected(chatId),
        }),
        tools,
      ),
      routedChatIds,
      ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    });
    const api = bot.api;
    senders.set("telegram", (id, messages) => sendToTelegram(api, id, messages));
    organisers = new ConnectedDesk(
      organisersChat,
      (chatId) => new CardDesk({ api, chatId, reports: core.reports, storage, content, translator, media, locale: config.defaultLocale }),
    );
  }
  /** A group was just connected with /connect: its command menu, then the cards that waited for it. */
  const onGroupConnected = async (chatId: number): Promise<void> => {
    if (bot) {
      await setOrganiserCommands(bot.api, chatId, translator, config.defaultLocale).catch((error: unknown) =>
        logger.warn({ err: error }, "telegram: could not set the organisers' command menu"),
      );
    }
    await outbox.release(laneOf({ type: "group-note", key: "" }), now());
    worker?.wake();
  };

  // The keyboard each Viber resident was shown last: typed button data counts only when it was on it.
  const shownOnViber = new ShownButtons(storage);
  if (viber && viberClient) {
    const sender = { name: viber.botName, ...(viber.avatar ? { avatar: viber.avatar } : {}) };
    senders.set("viber", async (id, messages) => {
      const locale = (await core.residents.get({ channel: "viber", id }))?.locale ?? config.defaultLocale;
      const payloads = renderForViber(messages, sender, mainMenuButtons(core.tFor(locale)));
      for (const payload of payloads) {
        await viberClient.sendMessage({ receiver: id, ...payload });
      }
      await shownOnViber.remember(id, payloads);
    });
  }

  const deliver = async (item: OutboxItem): Promise<void> => {
    const payload = item.payload;
    if (payload.type === "resident") {
      const sender = senders.get(payload.resident.channel);
      if (!sender) throw new DeliveryError(`${payload.resident.channel} is not configured`, false, "unavailable");
      // Viber says "stop sending" on unsubscribe, and Telegram refuses blocked chats: don't try.
      const resident = await core.residents.get(payload.resident);
      // Nothing more goes to a banned resident, also what was queued before the ban.
      if (resident?.banned) return;
      if (resident?.unsubscribed) throw new DeliveryError("resident unsubscribed", true, payload.resident.channel === "viber" ? "not-subscribed" : "blocked");
      return sender(payload.resident.id, payload.messages);
    }
    if (!organisers) throw new DeliveryError("ORGANISERS_CHAT_ID is not set", false, "unavailable");
    // A banned resident's cards still queued are dropped when their turn comes (a posted card is still updated).
    if (payload.type === "card" && (await core.isBannedAuthorsNewCard(payload.ref))) return;
    if (payload.type === "card") return organisers.deliverCard(payload.ref);
    return organisers.deliverNote(payload.ref, payload.key, payload.args);
  };

  const onUndeliverable = async (item: OutboxItem, error: DeliveryError): Promise<void> => {
    const payload = item.payload;
    if (payload.type !== "resident") {
      logger.error(
        { item: item.id, reason: error.reason },
        "outbox: the organisers' group refused a message; check that the bot is still a member with the right to post",
      );
      return;
    }
    if (error.reason === "blocked" || error.reason === "not-subscribed") {
      const resident = await core.residents.get(payload.resident);
      if (resident) {
        resident.unsubscribed = true;
        await core.residents.save(resident);
      }
    }
    if (payload.ref && payload.purpose !== "broadcast") {
      await outbox.enqueue({ type: "group-note", ref: payload.ref, key: `group-undeliverable-${error.reason}`, args: { ref: payload.ref } }, now());
    }
  };

  // Broadcast messages are counted as they go out, and skipped for residents who opted out meanwhile.
  worker = new OutboxWorker({
    outbox,
    storage,
    deliver: metrics.countingDeliver(core.broadcasts.countingDeliver(deliver)),
    onUndeliverable: metrics.countingUndeliverable(core.broadcasts.countingUndeliverable(onUndeliverable)),
    logger,
    ...(options.pacing ? { limits: options.pacing } : {}),
    now,
  });
  const scheduler = new OrganiserScheduler({ broadcasts: core.broadcasts, followUps: core.followUps, logger, now });

  let server: HttpServer | undefined;
  let port: number | undefined;
  let runner: RunnerHandle | undefined;
  const secret = telegram?.webhook ? await webhookSecret(storage, telegram.webhook.secret) : undefined;
  if (bot && telegram) {
    await bot.init();
    if (telegram.webhook && secret) {
      server ??= new HttpServer(logger, options.bodyTimeoutMs);
      const activeBot = bot;
      server.route("POST", "/telegram", async ({ body, headers }) => {
        const given = headers["x-telegram-bot-api-secret-token"];
        if (typeof given !== "string" || !safeEqual(given, secret)) return { status: 401, body: { error: "wrong secret" } };
        const update = parseJson(body);
        if (!update || typeof update !== "object" || typeof (update as { update_id?: unknown }).update_id !== "number") {
          return { status: 400, body: { error: "not an update" } };
        }
        let webhookReply: string | undefined;
        try {
          await activeBot.handleUpdate(update as Parameters<Bot["handleUpdate"]>[0], { send: (payload) => void (webhookReply = payload) });
          await storage.flush();
        } catch (error) {
          // Storage down: answer 503 so Telegram delivers the update again later. Otherwise the
          // update itself is at fault; acknowledge it so it is not retried forever.
          if (!(await storage.ping())) return { status: 503, body: { error: "storage unavailable" } };
          logger.error({ err: error instanceof Error && "error" in error ? error.error : error }, "telegram: update failed");
        }
        return { status: 200, body: webhookReply === undefined ? {} : parseJson(Buffer.from(webhookReply)) };
      });
    }
  }
  if (bot || viber) server ??= new HttpServer(logger, options.bodyTimeoutMs);
  if (server && viber) {
    const sender = { name: viber.botName, ...(viber.avatar ? { avatar: viber.avatar } : {}) };
    server.route(
      "POST",
      "/viber",
      observedViberWebhook(
        metrics,
        viberWebhook({ authToken: viber.authToken, sender, core, storage, media, logger, shown: shownOnViber, reply: reply("viber") }),
      ),
    );
  }
  if (server) {
    server.route("GET", "/healthz", async () =>
      (await storage.ping()) ? { status: 200, body: { ok: true } } : { status: 503, body: { ok: false, storage: "unreachable" } },
    );
    port = await server.listen(options.port ?? config.port);
    logger.info({ port }, "http: listening");
  }
  const metricsServer = config.metrics ? await serveMetrics(metrics, config.metrics, server, logger, options.bodyTimeoutMs) : undefined;
  if (bot && telegram) {
    await setCommandMenus(bot, translator, config.defaultLocale).catch((error: unknown) =>
      logger.warn({ err: error }, "telegram: could not set the command menu"),
    );
    const groupId = organisersChat?.id;
    if (groupId !== undefined) {
      await setOrganiserCommands(bot.api, groupId, translator, config.defaultLocale).catch((error: unknown) =>
        logger.warn({ err: error }, "telegram: could not set the organisers' command menu"),
      );
    }
    if (telegram.webhook) {
      await bot.api.setWebhook(telegram.webhook.url, {
        secret_token: secret,
        allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"],
      });
      logger.info({ mode: "webhook" }, "telegram: webhook set");
    } else {
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"] } } });
      logger.info({ mode: "polling" }, "telegram: polling");
    }
    if (groupId !== undefined) await checkOrganisersGroup(bot, groupId, logger);
    if (organisersChat && !organisersChat.fixedByConfig) await announceConnectCode(organisersChat, logger, options.announce);
  }
  if (viber?.webhookUrl && viberClient) {
    try {
      await viberClient.setWebhook(viber.webhookUrl);
      logger.info({ mode: "webhook" }, "viber: webhook set");
    } catch (error) {
      logger.error({ err: error }, "viber: set_webhook failed; check VIBER_AUTH_TOKEN and that PUBLIC_URL reaches this server over https");
    }
  } else if (viber) {
    logger.warn("viber: PUBLIC_URL is not set, so Viber cannot reach this server; set it to the public https address");
  }
  // Cards held back because the group refused them are tried at once: the operator may have fixed it.
  await outbox.release("group", now());
  worker.start();
  scheduler.start();

  const activeWorker = worker;
  return {
    core,
    storage,
    content,
    translator,
    outbox,
    worker: activeWorker,
    scheduler,
    bot,
    organisersChat,
    port,
    metrics,
    metricsPort: metricsServer?.port,
    async stop(flushMs = 10_000) {
      server?.stopAccepting();
      await scheduler.stop();
      if (runner?.isRunning()) await runner.stop();
      await activeWorker.stop();
      const left = await activeWorker.drain(Date.now() + flushMs).catch(() => -1);
      if (left !== 0) logger.warn({ lanes: left }, "outbox: not everything was delivered before exit; it stays stored and goes out after the next start");
      await server?.close();
      await metricsServer?.server.close();
      await storage.close();
    },
  };
}

/**
 * Start-up check: can the bot post in the organisers' group? Says plainly what to fix when not;
 * reports are kept meanwhile and posted once the group is reachable.
 */
async function checkOrganisersGroup(bot: Bot, chatId: number, logger: Logger): Promise<boolean> {
  try {
    const member = await bot.api.getChatMember(chatId, bot.botInfo.id);
    if (member.status === "left" || member.status === "kicked") {
      logger.error(
        { chatId },
        "The bot is not a member of the organisers' group (ORGANISERS_CHAT_ID). Add the bot to the group; reports wait in the outbox until then.",
      );
      return false;
    }
    if (member.status === "restricted" && !member.can_send_messages) {
      logger.error({ chatId }, "The bot may not post in the organisers' group. Allow it to send messages (group settings → permissions).");
      return false;
    }
    logger.info({ chatId }, "organisers' group reachable");
    return true;
  } catch (error) {
    logger.error(
      { chatId, err: error },
      "The bot cannot see the organisers' group. Check ORGANISERS_CHAT_ID (send /chatid in the group) and that the bot was added to it; reports wait in the outbox until then.",
    );
    return false;
  }
}

/** The plain-text card, for the simulator's "organisers" pane. */
export function cardForTerminal(app: { core: Core; content: Content; translator: Translator }, ref: string, locale: "uk" | "en"): Promise<string | undefined> {
  return app.core.reports
    .get(ref)
    .then((report) => (report ? cardAsText(cardModel(report, app.content, locale, (key, args) => app.translator.t(locale, key, args))) : undefined));
}
