import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "pino";
import type { Core } from "../../core/core.js";
import type { MediaStore } from "../../core/media.js";
import { mainMenuButtons } from "../../core/features/menu.js";
import type { IncomingEvent, OutgoingMessage } from "../../core/types.js";
import type { RouteResponse } from "../../server.js";
import type { Storage } from "../../storage/storage.js";
import { eventFromViberMessage, parseViberCallback, viberCallbackSchema } from "./receive.js";
import type { ShownButtons } from "./shown.js";
import { renderForViber, type ViberSender } from "./render.js";

/** Pictures larger than this are refused with advice. */
const MAX_PICTURE_BYTES = 10 * 1024 * 1024;
/** message_tokens are remembered this long, so Viber's redeliveries are processed once. */
const TOKEN_MEMORY_MS = 26 * 3600 * 1000;

/** True when `signature` is the hex HMAC-SHA256 of `body` keyed by `authToken` (timing-safe). */
export function verifyViberSignature(body: Buffer, signature: string | undefined, authToken: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac("sha256", authToken).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

/** Dependencies of the Viber webhook. */
export interface ViberWebhookOptions {
  readonly authToken: string;
  readonly sender: ViberSender;
  readonly core: Core;
  readonly storage: Storage;
  readonly media: MediaStore;
  readonly logger: Logger;
  /** The keyboards residents were shown: typed button data counts as a press only when shown. */
  readonly shown: ShownButtons;
  /** Sends replies to a resident (through the outbox when Viber is down). */
  readonly reply: (id: string, messages: readonly OutgoingMessage[]) => Promise<void>;
}

async function fetchPicture(url: string): Promise<{ bytes: Uint8Array; mime: string } | "too-big" | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return undefined;
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_PICTURE_BYTES) return "too-big";
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_PICTURE_BYTES) return "too-big";
    return { bytes, mime: response.headers.get("content-type") ?? "image/jpeg" };
  } catch {
    return undefined;
  }
}

/**
 * POST /viber: verifies the signature before anything else (401 on a bad or missing one), answers
 * Viber's webhook check, puts the welcome message in the response to conversation_started (the
 * only way to greet a resident who has not subscribed), and turns messages into neutral events.
 */
export function viberWebhook(options: ViberWebhookOptions): (request: { body: Buffer; headers: IncomingHttpHeaders }) => Promise<RouteResponse> {
  const { core, storage, logger } = options;
  const processed = storage.collection<true>("viber-token");
  return async ({ body, headers }) => {
    const signature = headers["x-viber-content-signature"];
    if (!verifyViberSignature(body, typeof signature === "string" ? signature : undefined, options.authToken)) {
      return { status: 401, body: { error: "bad signature" } };
    }
    const parsed = viberCallbackSchema.safeParse(parseViberCallback(body.toString("utf8")));
    if (!parsed.success) return { status: 400, body: { error: "not a Viber callback" } };
    const callback = parsed.data;
    if (
      callback.event === "webhook" ||
      callback.event === "delivered" ||
      callback.event === "seen" ||
      callback.event === "client_status" ||
      callback.event === "action"
    ) {
      return { status: 200, body: {} };
    }
    if (callback.event === "failed") {
      logger.info({ channel: "viber", event: "failed" }, "viber: a message failed on the client");
      return { status: 200, body: {} };
    }
    const userId = callback.event === "unsubscribed" ? callback.user_id : callback.event === "message" ? callback.sender.id : callback.user.id;
    const resident = { channel: "viber" as const, id: userId };
    const languageCode = callback.event === "message" ? callback.sender.language : callback.event === "unsubscribed" ? undefined : callback.user.language;
    const hints = languageCode ? { languageCode } : {};

    let event: IncomingEvent;
    if (callback.event === "unsubscribed") event = { kind: "unsubscribed" };
    else if (callback.event === "conversation_started") event = { kind: "start", ...(callback.context ? { payload: callback.context } : {}) };
    else if (callback.event === "subscribed") event = { kind: "start" };
    else {
      const translated = eventFromViberMessage(callback.message);
      if (translated.kind === "picture") {
        const picture = await fetchPicture(translated.url);
        if (picture === "too-big") event = { kind: "unsupported", what: "too-big" };
        else if (!picture) event = { kind: "unsupported", what: "other" };
        else {
          const fileId = await options.media.put(picture.bytes, picture.mime);
          event = { kind: "photo", photo: { fileId, size: picture.bytes.length }, ...(translated.caption ? { caption: translated.caption } : {}) };
        }
      } else if (translated.kind === "choice" && !(await options.shown.wasShown(userId, translated.data))) {
        // Button data nobody showed this resident (typed, or from an old keyboard): it is only text.
        event = { kind: "text", text: translated.data };
      } else event = translated;
    }

    // Processed once: Viber retries callbacks that were not answered; a token is marked done only
    // after it was handled, so one being handled when the process died is handled again.
    const token = callback.message_token;
    const replies = await storage.withLock(`resident:viber:${userId}`, async () => {
      if (token && (await processed.get(token))) return undefined;
      const result = await core.handle(resident, event, hints);
      if (token) await processed.set(token, true, TOKEN_MEMORY_MS);
      return result;
    });
    // Accepted only once it is stored for good: Viber does not send this callback again.
    await storage.flush();
    if (replies === undefined) return { status: 200, body: {} };
    logger.debug({ channel: "viber", event: callback.event, replies: replies.length }, "viber: handled");
    if (callback.event === "conversation_started") {
      // The welcome message goes in the response body: the resident is not subscribed yet.
      const locale = (await core.residents.get(resident))?.locale ?? "uk";
      const [welcome] = renderForViber(replies.slice(0, 1), options.sender, mainMenuButtons(core.tFor(locale)));
      if (welcome) await options.shown.remember(userId, [welcome]);
      return { status: 200, body: welcome ?? {} };
    }
    if (replies.length > 0) await options.reply(userId, replies);
    return { status: 200, body: {} };
  };
}
