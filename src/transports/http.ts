import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { pipeline } from "node:stream/promises";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/**
 * The `fetch` both transports call their messenger's API with (grammY's `client.fetch` for the Bot
 * API, ViberClient for Viber's REST API): node:http and node:https with keep-alive agents, doing
 * only what those callers ask: a request with a string, bytes or a stream (grammY's multipart file
 * upload) as its body, and an answer whose status, headers and text or JSON are read. node-fetch
 * (grammY's default) and Node's own fetch build WHATWG Request, Headers and Response objects around
 * the same kind of call. Measured against a local server (client CPU per call, 8 at a time): a
 * grammY `sendMessage` 72–88 µs through node-fetch, 58–62 µs through this; a bare JSON POST 47–53 µs
 * through node-fetch, 63–71 µs through Node's fetch, 36 µs through this. That is on every reply.
 *
 * Callers keep their own timeouts: an abort of `signal` destroys the request and its connection.
 * grammY turns any rejection into an `HttpError` and reads the body for the Bot API's
 * `{ ok, error_code, description }`, also on 4xx and 5xx.
 */

/** What the callers pass (for grammY see its payload.js): method, headers, body, abort signal. */
export interface FetchInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly signal?: AbortSignal | null;
}

/** The part of a fetch Response the callers read. */
export interface FetchAnswer {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * Sends one request to `url` and resolves once the answer's status and headers are in (its body is
 * read meanwhile); rejects when the connection fails, is cut off, or `signal` aborts it.
 */
export async function leanFetch(url: string | URL, init: FetchInit = {}): Promise<FetchAnswer> {
  const target = typeof url === "string" ? new URL(url) : url;
  const secure = target.protocol === "https:";
  if (!secure && target.protocol !== "http:") throw new TypeError(`an API address must be http or https, got ${target.protocol}`);
  const body = init.body;
  // No compression is asked for: the answers are small, and inflating them would cost CPU on every
  // call. A server that compresses anyway is still understood (see decode).
  const headers: Record<string, string> = { ...init.headers };
  if (typeof body === "string") headers["content-length"] = String(Buffer.byteLength(body));
  else if (body instanceof Uint8Array) headers["content-length"] = String(body.byteLength);
  const options: RequestOptions = { method: init.method ?? "GET", headers, agent: secure ? agents.https : agents.http };
  if (init.signal) options.signal = init.signal;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(target, options, resolve);
    request.once("error", reject);
    if (body === undefined || body === null) request.end();
    else if (typeof body === "string" || body instanceof Uint8Array) request.end(body);
    else if (isAsyncIterable(body)) pipeline(body as AsyncIterable<Uint8Array>, request).catch(reject);
    else {
      request.destroy();
      reject(new TypeError("a request body must be a string, bytes or a stream"));
    }
  });
  const text = readBody(response);
  // The callers read the body at once; should one not, a failed read is still not unhandled.
  text.catch(() => undefined);
  const status = response.statusCode ?? 0;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: response.statusMessage ?? "",
    headers: {
      get: (name) => {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    text: () => text,
    json: async () => JSON.parse(await text) as unknown,
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** The whole body as text, decompressed as the server says it is. */
function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.once("error", reject);
    response.once("aborted", () => reject(new Error("the answer was cut off")));
    // Closed before its end without either event above: settled all the same, never left hanging.
    response.once("close", () => {
      if (!response.complete) reject(new Error("the answer was cut off"));
    });
    response.once("end", () => {
      try {
        resolve(decode(Buffer.concat(chunks), response.headers["content-encoding"]).toString("utf8"));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case "":
    case "identity":
      return bytes;
    case "gzip":
    case "x-gzip":
      return gunzipSync(bytes);
    case "deflate":
      return inflateSync(bytes);
    case "br":
      return brotliDecompressSync(bytes);
    default:
      throw new Error(`answered in an unknown encoding: ${encoding}`);
  }
}
