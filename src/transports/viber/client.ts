import { DeliveryError } from "../../core/outbox/outbox.js";
import { leanFetch, type FetchAnswer } from "../http.js";
import { parseViberCallback } from "./receive.js";
import type { ViberPayload } from "./render.js";

/** Viber's answer to a REST call. `status` 0 is success. */
export interface ViberResponse {
  readonly status: number;
  readonly status_message?: string;
  /** Exact, as a decimal string: it exceeds 2^53. */
  readonly message_token?: string;
  readonly [key: string]: unknown;
}

/** Viber's status codes that mean "this resident cannot get messages now". */
const NOT_SUBSCRIBED = new Set([5, 6]);
const TOO_MANY = 12;

/**
 * A small typed client for Viber's REST bot API over the transports' lean fetch (../http.ts).
 * Honours VIBER_API_ROOT, so operators and tests can point it elsewhere. Never puts the auth token
 * in an error message.
 */
export class ViberClient {
  constructor(
    private readonly apiRoot: string,
    private readonly authToken: string,
    private readonly timeoutMs = 15_000,
  ) {}

  /** Calls `method` (e.g. "send_message") and returns Viber's answer, throwing DeliveryError on failure. */
  async call(method: string, body: Record<string, unknown>): Promise<ViberResponse> {
    let response: FetchAnswer;
    try {
      response = await leanFetch(`${this.apiRoot}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-viber-auth-token": this.authToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new DeliveryError(`Viber ${method}: unreachable`, false, "unavailable");
    }
    if (response.status === 429) {
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      throw new DeliveryError(`Viber ${method}: HTTP 429`, false, "rate-limited", (Number.isFinite(seconds) ? seconds : 1) * 1000);
    }
    if (!response.ok) throw new DeliveryError(`Viber ${method}: HTTP ${response.status}`, false, "unavailable");
    let parsed: unknown;
    try {
      parsed = parseViberCallback(await response.text());
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null) throw new DeliveryError(`Viber ${method}: answer is not JSON`, false, "unavailable");
    const answer = parsed as ViberResponse;
    if (answer.status === 0) return answer;
    const what = `Viber ${method}: status ${answer.status} ${answer.status_message ?? ""}`.trim();
    if (NOT_SUBSCRIBED.has(answer.status)) throw new DeliveryError(what, true, "not-subscribed");
    if (answer.status === TOO_MANY) throw new DeliveryError(what, true, "too-many");
    if (answer.status === 2) throw new DeliveryError(`${what} (check VIBER_AUTH_TOKEN)`, false, "unavailable");
    throw new DeliveryError(what, true, "rejected");
  }

  /** Sends one message (see render.ts) to a subscribed user. */
  sendMessage(payload: ViberPayload & { readonly receiver: string }): Promise<ViberResponse> {
    return this.call("send_message", payload);
  }

  /** Registers the webhook for every event type Viche handles. */
  setWebhook(url: string): Promise<ViberResponse> {
    return this.call("set_webhook", {
      url,
      event_types: ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"],
      send_name: true,
      send_photo: false,
    });
  }
}
