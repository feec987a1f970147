import { createServer, STATUS_CODES, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

/** What a route answers: a status and an optional JSON body. */
export interface RouteResponse {
  readonly status: number;
  readonly body?: unknown;
  /** A JSON body already serialised (the webhook reply grammY wrote), sent as it is. */
  readonly json?: string;
  /** A plain-text answer instead of JSON (GET /metrics), with its content type. */
  readonly text?: { readonly contentType: string; readonly content: string };
}

/** A webhook or health route. Gets the raw body (signatures are computed over it) and the headers. */
export type RouteHandler = (request: { body: Buffer; headers: IncomingHttpHeaders }) => Promise<RouteResponse>;

/** Requests larger than this are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A client that takes longer than this to send its body is cut off (408). */
const BODY_TIMEOUT_MS = 10_000;
/** How long the rest of a refused body is read (and thrown away) before the connection is cut. */
const LINGER_MS = 1000;

/**
 * The one HTTP server: POST /telegram, POST /viber, GET /healthz, GET /metrics. Every request gets an answer:
 * unknown paths 404, oversized bodies 413, slow bodies 408, handler failures 500 — never a hang.
 */
export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly server: Server;
  private accepting = true;

  constructor(
    private readonly logger: Logger,
    bodyTimeoutMs = BODY_TIMEOUT_MS,
  ) {
    this.server = createServer((request, response) => {
      const key = `${request.method ?? "GET"} ${(request.url ?? "/").split("?")[0]}`;
      const handler = this.routes.get(key);
      let answered = false;
      const send = (status: number, body?: unknown, json?: string) => {
        if (answered || response.headersSent) return;
        answered = true;
        const payload = json ?? (body === undefined ? "" : JSON.stringify(body));
        response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
        response.end(payload);
      };
      /**
       * Answers a request whose body we will not read (too large, too slow), on the socket itself.
       * The rest of the body is read and thrown away meanwhile: closing a socket with unread data
       * resets the connection, and a client that writes its whole body before reading (most do)
       * would never see the answer. Once the client has sent everything the connection is closed;
       * a client still sending after LINGER_MS is cut off.
       */
      const refuse = (status: number, body: unknown) => {
        if (answered || response.headersSent) return;
        answered = true;
        const socket = request.socket;
        request.removeAllListeners("data");
        request.on("data", () => undefined);
        request.resume();
        const payload = JSON.stringify(body);
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\nconnection: close\r\n\r\n${payload}`,
        );
        const linger = setTimeout(() => socket.destroy(), LINGER_MS);
        linger.unref();
        socket.once("close", () => clearTimeout(linger));
        if (request.complete) socket.end();
        else request.once("end", () => socket.end());
      };
      if (!handler) {
        request.resume();
        return send(404, { error: "not found" });
      }
      if (!this.accepting && request.method === "POST") {
        request.resume();
        return send(503, { error: "shutting down" });
      }
      const declared = Number(request.headers["content-length"] ?? 0);
      if (declared > MAX_BODY_BYTES) return refuse(413, { error: "body too large" });
      const chunks: Buffer[] = [];
      let size = 0;
      const timer = setTimeout(() => refuse(408, { error: "body too slow" }), bodyTimeoutMs);
      request.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          clearTimeout(timer);
          refuse(413, { error: "body too large" });
          return;
        }
        chunks.push(chunk);
      });
      request.on("error", () => clearTimeout(timer));
      request.on("end", () => {
        clearTimeout(timer);
        if (answered) return;
        handler({ body: Buffer.concat(chunks), headers: request.headers })
          .then((result) => {
            if (!result.text || response.headersSent) return send(result.status, result.body, result.json);
            response.writeHead(result.status, { "content-type": result.text.contentType, "content-length": Buffer.byteLength(result.text.content) });
            response.end(result.text.content);
          })
          .catch((error: unknown) => {
            this.logger.error({ err: error, route: key }, "http: handler failed");
            send(500, { error: "internal error" });
          });
      });
    });
    this.server.keepAliveTimeout = 5000;
    this.server.headersTimeout = 15_000;
  }

  /** Registers a handler for `METHOD /path`. */
  route(method: "GET" | "POST", path: string, handler: RouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** Starts listening; resolves with the port (useful when `port` is 0). */
  async listen(port: number, host = "0.0.0.0"): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Refuses new webhook posts (503, so the platforms retry them later) while shutting down. */
  stopAccepting(): void {
    this.accepting = false;
  }

  /** Stops the server once in-flight requests are answered. */
  async close(): Promise<void> {
    this.accepting = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }
}

/** Parses a JSON body; undefined when it is not JSON (the route answers 400). */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
