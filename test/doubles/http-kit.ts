/**
 * Small HTTP building blocks shared by the Telegram and Viber test doubles: a loopback server,
 * body reading, a lenient multipart parser, fault injection and "wait until something was sent".
 *
 * Why a hand-written multipart parser: grammY writes its parts as
 * `content-disposition:form-data;name="x"` with no spaces and an unquoted `filename=`, which
 * Node 20's `Request#formData()` (undici) refuses with "Failed to parse body as FormData".
 * The real Bot API accepts it, so the double must too.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A file part of a multipart/form-data body. */
export interface UploadedPart {
  /** The form field name (for grammY a random attach id, referenced as `attach://<name>`). */
  readonly fieldName: string;
  readonly filename: string;
  readonly contentType: string | undefined;
  readonly bytes: Buffer;
}

/** The parts of a multipart/form-data body. */
export interface MultipartBody {
  readonly fields: Map<string, string>;
  readonly files: Map<string, UploadedPart>;
}

/** A running loopback server. */
export interface LoopbackServer {
  readonly server: Server;
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 on a free port; handler errors become HTTP 500. */
export async function startLoopbackServer(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
      }
      res.end(`test double crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a request body; resolves undefined when it exceeds `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limitBytes) tooBig = true;
    else chunks.push(buffer);
  }
  return tooBig ? undefined : Buffer.concat(chunks);
}

/** Writes a JSON response (a string is sent as is, so callers can keep 64-bit numbers exact). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Extracts one parameter (e.g. `boundary`) from a header value such as a Content-Type. */
export function headerParameter(headerValue: string, name: string): string | undefined {
  for (const [key, value] of headerParameters(headerValue)) {
    if (key === name.toLowerCase()) return value;
  }
  return undefined;
}

function headerParameters(headerValue: string): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  const pattern = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of headerValue.matchAll(pattern)) {
    const key = (match[1] ?? "").toLowerCase();
    let value = (match[2] ?? "").trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    result.push([key, value]);
  }
  return result;
}

/**
 * Parses multipart/form-data leniently (header names case-insensitive, optional spaces,
 * quoted or unquoted parameters). Returns an Error describing the first problem found.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody | Error {
  const boundary = headerParameter(contentType, "boundary");
  if (!boundary) return new Error("multipart body without boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedPart>();
  let cursor = body.indexOf(delimiter);
  if (cursor < 0) return new Error("multipart body does not contain its boundary");
  for (;;) {
    cursor += delimiter.length;
    if (body.subarray(cursor, cursor + 2).toString() === "--") break;
    if (body.subarray(cursor, cursor + 2).toString() === "\r\n") cursor += 2;
    const headerEnd = body.indexOf("\r\n\r\n", cursor);
    if (headerEnd < 0) return new Error("multipart part without a blank line after its headers");
    const headers = new Map<string, string>();
    for (const line of body.subarray(cursor, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd + 4);
    if (next < 0) return new Error("multipart body is not terminated by its boundary");
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParameter(disposition, "name");
    if (name === undefined) return new Error("multipart part without a name");
    const starName = headerParameter(disposition, "filename*");
    const filename = starName !== undefined ? decodeURIComponent(starName.replace(/^[^']*'[^']*'/, "")) : headerParameter(disposition, "filename");
    if (filename !== undefined) {
      files.set(name, { fieldName: name, filename, contentType: headers.get("content-type"), bytes: Buffer.from(content) });
    } else {
      fields.set(name, content.toString("utf8"));
    }
    cursor = next + 2;
  }
  return { fields, files };
}

/** Which call a fault applies to: a method/endpoint name and the chat or user it targets. */
export interface FaultTarget {
  readonly method: string;
  /** Chat id (Telegram) or receiver id (Viber) as a string, when the call has one. */
  readonly target: string | undefined;
  /** The call's parameters, for custom matchers. */
  readonly params: Readonly<Record<string, unknown>>;
}

interface PendingFault<F> {
  readonly method: string | undefined;
  readonly target: string | undefined;
  remaining: number;
  readonly fault: F;
}

/** A one-off or standing rule for {@link FaultBook}. */
export interface FaultRule<F> {
  /** Method/endpoint it applies to; undefined means every method. */
  readonly method?: string | readonly string[];
  /** Chat/receiver it applies to; undefined means every target. */
  readonly target?: string;
  /** Custom matcher, checked in addition to `method` and `target`. */
  readonly match?: (call: FaultTarget) => boolean;
  readonly fault: F;
}

/**
 * Holds injected failures: `failNext` rules are consumed one call at a time, an outage applies
 * to every matching call until cleared.
 */
export class FaultBook<F> {
  readonly #pending: PendingFault<F>[] = [];
  #outage: FaultRule<F> | null = null;

  /** Queues a failure for the next `times` matching calls. */
  failNext(method: string, target: string | undefined, times: number, fault: F): void {
    this.#pending.push({ method, target, remaining: Math.max(1, Math.floor(times)), fault });
  }

  /** Sets (or clears with null) a standing outage. */
  setOutage(rule: FaultRule<F> | null): void {
    this.#outage = rule;
  }

  /** Returns the fault to apply to this call, consuming a `failNext` use. */
  take(call: FaultTarget): F | undefined {
    const index = this.#pending.findIndex((p) => (p.method === undefined || p.method === call.method) && (p.target === undefined || p.target === call.target));
    const pending = this.#pending[index];
    if (pending) {
      pending.remaining -= 1;
      if (pending.remaining <= 0) this.#pending.splice(index, 1);
      return pending.fault;
    }
    const outage = this.#outage;
    if (!outage) return undefined;
    const methods = outage.method === undefined ? undefined : typeof outage.method === "string" ? [outage.method] : outage.method;
    if (methods && !methods.includes(call.method)) return undefined;
    if (outage.target !== undefined && outage.target !== call.target) return undefined;
    if (outage.match && !outage.match(call)) return undefined;
    return outage.fault;
  }

  /** Forgets every rule. */
  clear(): void {
    this.#pending.length = 0;
    this.#outage = null;
  }
}

/** Lets tests wait until some state appears; `notify()` is called after every change. */
export class ChangeSignal {
  readonly #listeners = new Set<() => void>();

  /** Wakes every waiter so it re-checks its condition. */
  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /**
   * Resolves with `check()`'s first non-undefined result, re-checking after every change;
   * rejects after `timeoutMs` with `describe()` in the message.
   */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const immediate = check();
    if (immediate !== undefined) return Promise.resolve(immediate);
    return new Promise<T>((resolve, reject) => {
      const listener = (): void => {
        const found = check();
        if (found === undefined) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`Timed out after ${timeoutMs} ms. ${describe()}`));
      }, timeoutMs);
      this.#listeners.add(listener);
    });
  }
}

/** Shortens a string for error messages. */
export function clip(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

let samplePhoto: Buffer | undefined;

/** A small real JPEG (test/fixtures/photo.jpg, 543 bytes) used when a test supplies no bytes. */
export function samplePhotoBytes(): Buffer {
  samplePhoto ??= readFileSync(new URL("../fixtures/photo.jpg", import.meta.url));
  return samplePhoto;
}
