import { fileURLToPath } from "node:url";
import { Composer, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { loadContent, type Content } from "./core/content.js";
import { Core } from "./core/core.js";
import { createTranslator, type Translator } from "./core/i18n.js";
import { MediaStore } from "./core/media.js";
import { mainMenuButtons } from "./core/features/menu.js";
import { OrganiserScheduler } from "./core/organisers/scheduler.js";
import { Delivery, type OrganisersSink, type ResidentSender } from "./core/outbox/delivery.js";
import { organiserLanes } from "./core/outbox/lanes.js";
import { GROUP_LANE, Outbox } from "./core/outbox/outbox.js";
import { Pacer, PLATFORM_LIMITS, type PacingLimits } from "./core/outbox/pacing.js";
import { OutboxWorker } from "./core/outbox/worker.js";
import { createProgrammeSearch } from "./core/programme/search.js";
import { cardAsText, cardModel } from "./core/reports/card.js";
import { HttpServer } from "./server.js";
import { openStorage } from "./storage/open.js";
import type { Storage } from "./storage/storage.js";
import { createTelegramBot } from "./transports/telegram/bot.js";
import { CardDesk } from "./transports/telegram/desk/cards.js";
import { failedDeliveries } from "./transports/telegram/desk/failed.js";
import { announceConnectCode, connectCommand } from "./transports/telegram/desk/connect.js";
import { ConnectedDesk } from "./transports/telegram/desk/connected-desk.js";
import { OrganisersChat } from "./transports/telegram/desk/organisers-chat.js";
import { organiserTools, setOrganiserCommands } from "./transports/telegram/desk/tools.js";
import { sendToTelegram } from "./transports/telegram/sender.js";
import { connectTelegram, initTelegram, routeTelegramWebhook, type TelegramConnection, type TelegramLink } from "./transports/telegram/start.js";
import { webhookSecret } from "./transports/telegram/webhook-secret.js";
import { viberChatUri } from "./transports/viber/account.js";
import { ViberClient } from "./transports/viber/client.js";
import { viberSender } from "./transports/viber/sender.js";
import { ShownButtons } from "./transports/viber/shown.js";
import { connectViber } from "./transports/viber/start.js";
import { viberWebhook } from "./transports/viber/webhook.js";
import { instrumentStorage } from "./ops/instrumented-storage.js";
import { Metrics, observedViberWebhook } from "./ops/metrics.js";
import { serveMetrics } from "./ops/metrics-server.js";

export type { OrganisersSink, ResidentSender } from "./core/outbox/delivery.js";

/** Where the bundled locales and content live, wherever the process was started from. */
export const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

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
  /** Where outbox items go; transports plug their senders and the organisers' sink in here. */
  readonly delivery: Delivery;
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

/**
 * Starts Viche from a parsed config. The composition root: configuration, storage, core, delivery,
 * transports, workers, in that order; `main` only adds process concerns (signals, exit codes).
 */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const content = loadContent(config.contentDir ?? `${LOCALES_DIR}/content`);
  const translator = createTranslator(LOCALES_DIR);
  // Scraped lazily: the outbox and the broadcasts exist by the time anyone reads /metrics.
  const metrics = new Metrics({ laneDepths: () => outbox.laneDepths(), broadcastsInProgress: () => core.broadcasts.inProgress() });
  const storage = instrumentStorage(await openStorage(config.storageUrl), (operation) => metrics.storageError(operation));
  const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });
  const outbox = new Outbox(storage);
  const media = new MediaStore(storage);
  let worker: OutboxWorker | undefined;
  const wake = () => worker?.wake();
  const core = new Core({
    storage,
    content,
    translator,
    search,
    outbox,
    logger,
    defaultLocale: config.defaultLocale,
    now,
    wake,
    flood: options.flood ?? { limit: config.floodEventsPerMinute, windowMs: 60_000 },
    limits: config.limits,
  });
  await core.learned.load();

  const pacer = new Pacer(options.pacing ?? PLATFORM_LIMITS);
  const delivery = new Delivery({
    outbox,
    storage,
    residents: core.residents,
    content,
    locale: config.defaultLocale,
    logger,
    now,
    wake,
    pacer,
    isBannedAuthorsNewCard: (ref) => core.isBannedAuthorsNewCard(ref),
  });
  outbox.useLanes(organiserLanes(content, core.reports));
  if (options.simulator) {
    delivery.setSender("telegram", options.simulator.sender);
    delivery.setOrganisers(options.simulator.organisers);
  }

  const viber = options.simulator ? undefined : config.viber;
  const viberClient = viber ? new ViberClient(viber.apiRoot, viber.authToken) : undefined;
  const chatUri = viber && viberClient ? await viberChatUri(viberClient, viber.chatUri, logger) : undefined;
  const telegram = options.simulator ? undefined : config.telegram;
  const organisersChat = telegram ? await OrganisersChat.open(storage, telegram.organisersChatId) : undefined;
  let bot: Bot | undefined;
  let telegramConnection: TelegramConnection | undefined;
  /** A group was just connected with /connect: its command menu, then the cards that waited for it. */
  const onGroupConnected = async (chatId: number): Promise<void> => {
    if (bot) {
      await setOrganiserCommands(bot.api, chatId, translator, config.defaultLocale).catch((error: unknown) =>
        logger.warn({ err: error }, "telegram: could not set the organisers' command menu"),
      );
    }
    await outbox.release(GROUP_LANE, now());
    wake();
  };
  if (telegram && organisersChat) {
    const organisersChatId = () => organisersChat.id;
    const tools = organiserTools({
      chatId: organisersChatId,
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
    tools.use(failedDeliveries({ chatId: organisersChatId, outbox, delivery, content, translator, locale: config.defaultLocale, wake, now }));
    const routedChatIds = Object.values(content.organisation.routing).flatMap((route) => (route.chatId !== undefined ? [route.chatId] : []));
    bot = createTelegramBot({
      config: telegram,
      core,
      storage,
      translator,
      organisersLocale: config.defaultLocale,
      logger,
      reply: delivery.reply("telegram"),
      organisersChatId,
      observeUpdate: (kind, seconds) => metrics.observeUpdate("telegram", kind, seconds),
      organiserTools: new Composer(
        connectCommand({ chat: organisersChat, translator, locale: config.defaultLocale, logger, onConnected: (chatId) => onGroupConnected(chatId) }),
        tools,
      ),
      routedChatIds,
      ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    });
    const api = bot.api;
    delivery.setSender("telegram", (id, messages) => sendToTelegram(api, id, messages));
    delivery.setOrganisers(
      new ConnectedDesk(
        organisersChat,
        (chatId) => new CardDesk({ api, chatId, reports: core.reports, storage, content, translator, media, locale: config.defaultLocale }),
      ),
    );
    const secret = telegram.webhook ? await webhookSecret(storage, telegram.webhook.secret) : undefined;
    telegramConnection = {
      bot,
      config: telegram,
      storage,
      translator,
      locale: config.defaultLocale,
      logger,
      webhookSecret: secret,
      organisersChat,
      announceConnectCode: () => announceConnectCode(organisersChat, logger, options.announce),
    };
    await initTelegram(bot, logger);
  }

  // The keyboard each Viber resident was shown last: typed button data counts only when it was on it.
  const shownOnViber = new ShownButtons(storage);
  const viberFrom = viber ? { name: viber.botName, ...(viber.avatar ? { avatar: viber.avatar } : {}) } : undefined;
  if (viberClient && viberFrom) {
    const menuFor = async (id: string) => mainMenuButtons(core.tFor((await core.residents.get({ channel: "viber", id }))?.locale ?? config.defaultLocale));
    delivery.setSender("viber", viberSender(viberClient, viberFrom, menuFor, shownOnViber));
  }

  // Broadcast messages are counted as they go out, and skipped for residents who opted out meanwhile.
  worker = new OutboxWorker({
    outbox,
    storage,
    deliver: metrics.countingDeliver(core.broadcasts.countingDeliver(delivery.deliver)),
    onUndeliverable: metrics.countingUndeliverable(core.broadcasts.countingUndeliverable(delivery.onUndeliverable)),
    onInterrupted: core.broadcasts.settleInterrupted,
    logger,
    pacer,
    now,
  });
  const scheduler = new OrganiserScheduler({ broadcasts: core.broadcasts, followUps: core.followUps, logger, now });

  const server = bot || viber ? new HttpServer(logger, options.bodyTimeoutMs) : undefined;
  let port: number | undefined;
  if (server) {
    if (telegramConnection) routeTelegramWebhook(server, telegramConnection);
    if (viber && viberFrom) {
      const reply = delivery.reply("viber");
      const webhook = viberWebhook({ authToken: viber.authToken, sender: viberFrom, core, storage, media, logger, shown: shownOnViber, reply });
      server.route("POST", "/viber", observedViberWebhook(metrics, webhook));
    }
    server.route("GET", "/healthz", async () =>
      (await storage.ping()) ? { status: 200, body: { ok: true } } : { status: 503, body: { ok: false, storage: "unreachable" } },
    );
    port = await server.listen(options.port ?? config.port);
    logger.info({ port }, "http: listening");
  }
  const metricsServer = config.metrics ? await serveMetrics(metrics, config.metrics, server, logger, options.bodyTimeoutMs) : undefined;
  const telegramLink: TelegramLink | undefined = telegramConnection ? await connectTelegram(telegramConnection) : undefined;
  const viberLink = viberClient ? await connectViber(viberClient, viber?.webhookUrl, logger) : undefined;
  // Cards held back because the group refused them are tried at once: the operator may have fixed it.
  await outbox.release(GROUP_LANE, now());
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
    delivery,
    scheduler,
    bot,
    organisersChat,
    port,
    metrics,
    metricsPort: metricsServer?.port,
    async stop(flushMs = 10_000) {
      server?.stopAccepting();
      await scheduler.stop();
      await telegramLink?.stop();
      viberLink?.stop();
      await activeWorker.stop();
      const left = await activeWorker.drain(Date.now() + flushMs).catch(() => -1);
      if (left !== 0) logger.warn({ lanes: left }, "outbox: not everything was delivered before exit; it stays stored and goes out after the next start");
      await server?.close();
      await metricsServer?.server.close();
      await storage.close();
    },
  };
}

/** The plain-text card, for the simulator's "organisers" pane. */
export function cardForTerminal(app: { core: Core; content: Content; translator: Translator }, ref: string, locale: "uk" | "en"): Promise<string | undefined> {
  return app.core.reports
    .get(ref)
    .then((report) => (report ? cardAsText(cardModel(report, app.content, locale, (key, args) => app.translator.t(locale, key, args))) : undefined));
}
