import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { parseJson, type RouteHandler } from "../server.js";
import { DeliveryError, type Deliver, type OnUndeliverable, type OutboxItem } from "../core/outbox/outbox.js";

/** Where the numbers that are read on scrape come from (storage, not memory: several processes share it). */
export interface MetricsSources {
  /** Deliveries waiting per outbox lane. */
  readonly laneDepths: () => Promise<ReadonlyArray<{ readonly lane: string; readonly depth: number }>>;
  /** Broadcasts being sent now. */
  readonly broadcastsInProgress: () => Promise<number>;
}

/** The label of a lane: each group lane by name; all residents' lanes together (one per resident would be too many series). */
function laneLabel(lane: string): string {
  return lane.startsWith("resident:") ? "residents" : lane;
}

function destinationOf(item: OutboxItem): "resident" | "group" {
  return item.payload.type === "resident" ? "resident" : "group";
}

/**
 * Viche's Prometheus metrics, in a registry of its own (no prom-client globals, so two apps in
 * one process, as in tests, never share counters). Served as text by GET /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly updates: Counter<"messenger" | "kind">;
  private readonly handling: Histogram<"messenger">;
  private readonly deliveries: Counter<"destination">;
  private readonly refusals: Counter<"destination" | "reason">;
  private readonly deadLetters: Counter<"destination" | "reason">;
  private readonly storageErrors: Counter<"operation">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.updates = new Counter({ name: "viche_updates_total", help: "Updates received, by messenger and kind", labelNames: ["messenger", "kind"], registers });
    this.handling = new Histogram({
      name: "viche_update_handling_seconds",
      help: "Time from receiving an update to having answered it",
      labelNames: ["messenger"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.deliveries = new Counter({ name: "viche_deliveries_total", help: "Outbox deliveries the platform accepted", labelNames: ["destination"], registers });
    this.refusals = new Counter({
      name: "viche_delivery_refusals_total",
      help: "Outbox deliveries the platform refused or could not take (retried or given up)",
      labelNames: ["destination", "reason"],
      registers,
    });
    this.deadLetters = new Counter({
      name: "viche_dead_letters_total",
      help: "Deliveries given up for good (kept in the outbox's failed list)",
      labelNames: ["destination", "reason"],
      registers,
    });
    this.storageErrors = new Counter({ name: "viche_storage_errors_total", help: "Storage operations that failed", labelNames: ["operation"], registers });
    new Gauge({
      name: "viche_outbox_depth",
      help: "Deliveries waiting in the outbox, per lane (all residents' lanes summed as lane=residents)",
      labelNames: ["lane"],
      registers,
      async collect() {
        this.reset();
        const totals = new Map<string, number>([["residents", 0]]);
        for (const { lane, depth } of await sources.laneDepths()) totals.set(laneLabel(lane), (totals.get(laneLabel(lane)) ?? 0) + depth);
        for (const [lane, depth] of totals) this.set({ lane }, depth);
      },
    });
    new Gauge({
      name: "viche_broadcasts_in_progress",
      help: "Broadcasts being sent now",
      registers,
      async collect() {
        this.set(await sources.broadcastsInProgress());
      },
    });
  }

  /** Counts one update and how long it took to handle. */
  observeUpdate(messenger: "telegram" | "viber", kind: string, seconds: number): void {
    this.updates.inc({ messenger, kind });
    this.handling.observe({ messenger }, seconds);
  }

  /** Counts a failed storage operation. */
  storageError(operation: string): void {
    this.storageErrors.inc({ operation });
  }

  /** Wraps the outbox's delivery: counts what the platforms accept and what they refuse. */
  countingDeliver(inner: Deliver): Deliver {
    return async (item) => {
      try {
        await inner(item);
        this.deliveries.inc({ destination: destinationOf(item) });
      } catch (error) {
        const reason = error instanceof DeliveryError ? error.reason : "error";
        this.refusals.inc({ destination: destinationOf(item), reason });
        throw error;
      }
    };
  }

  /** Wraps the outbox's undeliverable handler: counts dead letters. */
  countingUndeliverable(inner: OnUndeliverable): OnUndeliverable {
    return async (item, error) => {
      this.deadLetters.inc({ destination: destinationOf(item), reason: error.reason });
      await inner(item, error);
    };
  }

  /** The metrics in Prometheus' text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Wraps the Viber webhook route: each signed callback is counted by its event (message, subscribed …) and timed. */
export function observedViberWebhook(metrics: Metrics, inner: RouteHandler): RouteHandler {
  return async (request) => {
    const started = performance.now();
    const answer = await inner(request);
    if (answer.status === 200) {
      const callback = parseJson(request.body);
      const event =
        callback && typeof callback === "object" && "event" in callback && typeof callback.event === "string" && /^[a-z_]{1,32}$/.test(callback.event)
          ? callback.event
          : "unknown";
      metrics.observeUpdate("viber", event, (performance.now() - started) / 1000);
    }
    return answer;
  };
}
