/** Messages between the benchmark (parent) and the process it measures (test/bench/sut.ts). */

/** What the parent asks. Every request carries an id; the answer repeats it. */
export type SutRequest =
  | { readonly id: number; readonly type: "usage" }
  /** Files `count` complaints at once, as the core does (report + card in the outbox). */
  | { readonly id: number; readonly type: "cards"; readonly count: number }
  /** An organiser confirms a broadcast to every resident. */
  | { readonly id: number; readonly type: "broadcast"; readonly text: string }
  | { readonly id: number; readonly type: "broadcast-counts"; readonly broadcast: string }
  | { readonly id: number; readonly type: "outbox" }
  /** The scan of the organisers' daily idle digest (every open report idle for the configured days). */
  | { readonly id: number; readonly type: "idle-scan" }
  | { readonly id: number; readonly type: "stop" };

/** A request without its id (the id is added when it is sent). */
export type SutCommand = SutRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

/** CPU and memory of the measured process. */
export interface Usage {
  /** process.cpuUsage(): microseconds, all threads. */
  readonly user: number;
  readonly system: number;
  readonly rss: number;
  readonly heapUsed: number;
  /** SQLite write statements run so far and the milliseconds they took (experiment count-writes; else 0). */
  readonly writes: number;
  readonly writeMs: number;
}

/** What the child answers. */
export type SutAnswer =
  | { readonly type: "ready"; readonly port: number }
  | { readonly id: number; readonly type: "usage"; readonly usage: Usage }
  | { readonly id: number; readonly type: "cards"; readonly refs: string[] }
  | { readonly id: number; readonly type: "broadcast"; readonly broadcast: string; readonly total: number }
  | {
      readonly id: number;
      readonly type: "broadcast-counts";
      readonly counts: { enqueued: number; settled: number; skipped: number; sent: number; failed: number; optedOut: number };
    }
  | {
      readonly id: number;
      readonly type: "outbox";
      readonly pendingLanes: number;
      readonly pendingItems: number;
      readonly pendingGroupItems: number;
      readonly failed: number;
    }
  | { readonly id: number; readonly type: "idle-scan"; readonly idle: number }
  | { readonly id: number; readonly type: "stopped" }
  | { readonly id: number; readonly type: "error"; readonly message: string };
