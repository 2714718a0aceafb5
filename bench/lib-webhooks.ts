/** The IPC protocol between bench/webhooks.ts and bench/webhooks-driver.ts, importable by both without side effects. */
import type { DriverConfig, StepCommand } from './lib-ingest.js';

/** Starts the subscribers' receiver inside the driver, off the server's event loop; answered with `receiverReady`. */
export interface ReceiverCommand {
  type: 'receiver';
}

export interface ReceiverReady {
  type: 'receiverReady';
  /** POST <url>/<n> for subscription n. */
  url: string;
}

/** Latencies (ms, from the driver starting the ingest POST to the receiver reading the delivery) since the last reset. */
export interface ReceiverStats {
  type: 'receiverStats';
  received: number;
  latencies: number[];
  bySubscription: Record<string, number>;
  /** Deliveries whose X-Jimmy-Delivery had been seen before (retries after a lost answer). */
  duplicates: number;
}

export type WebhooksDriverCommand =
  DriverConfig | StepCommand | ReceiverCommand | { type: 'receiverStats'; reset: boolean } | { type: 'stop' };
