import { timingSafeEqual } from "node:crypto";
import type { Logger } from "pino";
import type { MetricsConfig } from "../config.js";
import { HttpServer, type RouteHandler } from "../server.js";
import type { Metrics } from "./metrics.js";

function sameToken(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** GET /metrics; with a token, only for `Authorization: Bearer <token>` (401 otherwise). */
export function metricsRoute(metrics: Metrics, token: string | undefined): RouteHandler {
  return async ({ headers }) => {
    if (token !== undefined) {
      const given = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1];
      if (given === undefined || !sameToken(given, token)) return { status: 401, body: { error: "send Authorization: Bearer METRICS_TOKEN" } };
    }
    return { status: 200, text: { contentType: metrics.registry.contentType, content: await metrics.render() } };
  };
}

/**
 * Serves /metrics as configured: behind the token on the main server, and/or on a server of its
 * own on METRICS_PORT (bound to 127.0.0.1 unless METRICS_HOST says otherwise). Returns the
 * metrics server, when one was started, so it can be closed.
 */
export async function serveMetrics(
  metrics: Metrics,
  config: MetricsConfig,
  main: HttpServer | undefined,
  logger: Logger,
  bodyTimeoutMs?: number,
): Promise<{ server: HttpServer; port: number } | undefined> {
  if (config.token && main) main.route("GET", "/metrics", metricsRoute(metrics, config.token));
  if (config.port === undefined) return undefined;
  const server = new HttpServer(logger, bodyTimeoutMs);
  server.route("GET", "/metrics", metricsRoute(metrics, config.token));
  const port = await server.listen(config.port, config.host);
  logger.info({ port, host: config.host }, "metrics: listening");
  return { server, port };
}
