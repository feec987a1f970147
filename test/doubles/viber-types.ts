/**
 * Public types of the Viber double (test/doubles/viber-api.ts): users, options, what the bot
 * sent, the calls it made, injected failures and callback results.
 */

/** A Viber user as tests describe them. */
export interface ViberUser {
  /** Viber ids look like base64: "01234567890A=". */
  readonly id: string;
  readonly name: string;
  /** Default "uk". */
  readonly language?: string;
  /** Default "UA". */
  readonly country?: string;
  /** Default 10. */
  readonly api_version?: number;
  readonly avatar?: string;
}

/** Options of {@link startViberDouble}. */
export interface ViberDoubleOptions {
  /** Default "viber-test-token". */
  readonly authToken?: string;
  /** Where callbacks go before the bot calls set_webhook (counts as a webhook already set). */
  readonly webhookUrl?: string;
  /** Bot messages a user may get without replying, per hour (Viber: 100). */
  readonly maxUnansweredPerHour?: number;
  /** get_user_details calls per user per 12 hours (Viber: 2). */
  readonly userDetailsPer12Hours?: number;
  /** How long a received picture's media URL works. Default 60 000 ms. */
  readonly mediaTtlMs?: number;
  /** The bot account's name. Default "Віче". */
  readonly accountName?: string;
  /** The account's chat URI that get_account_info returns (default "viche"), used in viber://pa?chatURI= links. */
  readonly accountUri?: string;
}

/** One message the bot sent (send_message, broadcast_message, or a welcome message). */
export interface ViberSentMessage {
  readonly receiver: string;
  /** The message_token the double answered with (a 64-bit integer, as a decimal string). */
  readonly messageToken: string;
  readonly type: string;
  readonly text?: string;
  readonly media?: string;
  readonly keyboard?: Readonly<Record<string, unknown>>;
  readonly trackingData?: string;
  readonly minApiVersion?: number;
  readonly sender: { readonly name: string; readonly avatar?: string };
  readonly via: "send_message" | "broadcast_message" | "welcome";
  /**
   * True when the message falls outside a 24-hour session opened by the user (the user never
   * wrote, or wrote more than 24 h ago) and is not a welcome message: Viber bills those.
   */
  readonly billable: boolean;
  /** The double's clock (ms) when sent. */
  readonly time: number;
  /** The request body as the bot sent it. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** One request to the REST API. */
export interface ViberCall {
  readonly endpoint: string;
  readonly body: unknown;
  readonly httpStatus: number;
  /** Viber status (0 = ok); undefined for HTTP-level failures. */
  readonly status: number | undefined;
  readonly statusMessage: string | undefined;
  /** "refused" calls are the bot's mistakes ({@link ViberDouble.errors}); "injected" come from failNext/setOutage. */
  readonly kind: "ok" | "refused" | "injected";
  readonly time: number;
}

/** A failure to inject: an HTTP error, or HTTP 200 with a Viber status code. */
export interface ViberFailure {
  /** e.g. 500 or 503; the answer has no JSON body. */
  readonly httpStatus?: number;
  /** e.g. 12 (tooManyRequests) or 7 (publicAccountBlocked). */
  readonly viberStatus?: number;
  readonly statusMessage?: string;
  readonly times?: number;
  /** Only calls for this receiver. */
  readonly receiver?: string;
}

/** A standing outage for {@link ViberDouble.setOutage}. */
export interface ViberOutage extends Omit<ViberFailure, "times"> {
  readonly endpoint?: string | readonly string[];
}

/** What the bot answered to a callback. */
export interface CallbackResult {
  /** HTTP status of the bot's answer (0 when unreachable or when the event was not sent). */
  readonly status: number;
  /** The answer body parsed as JSON (undefined when empty or not JSON). */
  readonly body: unknown;
  /** The answer body as text. */
  readonly text: string;
  /** The raw JSON the double POSTed. */
  readonly rawBody: string;
  /** The message_token in that JSON, exactly as written (digits). */
  readonly messageToken: string;
  /** False when the bot's event_types exclude this event, so Viber would not send it. */
  readonly sent: boolean;
}

/** State the double keeps per user. */
export interface ViberUserState {
  readonly user: ViberUser;
  subscribed: boolean;
  /** Double clock (ms) of the user's last message. */
  lastMessageAt: number | undefined;
  /** Times of bot messages since the user's last message. */
  unanswered: number[];
  /** The keyboard the user's client shows (the last one received). */
  keyboard: Record<string, unknown> | undefined;
  /** tracking_data of the last bot message, echoed with the user's next message. */
  trackingData: string | undefined;
  detailsRequests: number[];
}
