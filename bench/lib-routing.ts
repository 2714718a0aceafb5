/** The IPC protocol between bench/routing.ts and bench/routing-driver.ts, importable by both without side effects. */
import type { DriverConfig, StepCommand } from './lib-ingest.js';

/** Starts the fake Graph API inside the driver (it answers the server's menu sends off the server's event loop). */
export interface GraphCommand {
  type: 'graph';
  accessToken: string;
  phoneNumberId: string;
}

export interface GraphReady {
  type: 'graphReady';
  url: string;
}

/** Points the driver at a (new) server; answered with `ready`. */
export interface TargetCommand {
  type: 'target';
  config: DriverConfig;
}

/** One customer message of a script: the sender, its wamid and the type-specific part of Cloud's message object. */
export interface ScriptMessage {
  from: string;
  id: string;
  message: Record<string, unknown>;
}

/** Sends `messages` in order at `rate` per second, open-loop (lib-driver.ts). */
export interface ScriptCommand {
  type: 'script';
  stepId: string;
  rate: number;
  messages: ScriptMessage[];
}

export interface ScriptReport {
  type: 'scriptDone';
  stepId: string;
  sent: number;
  shed: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Per message index: wall-clock ms when the POST was started / answered 200 (NaN: not sent / not acknowledged). */
  sentAt: number[];
  ackedAt: number[];
  acked: number;
  elapsedMs: number;
  httpP50: number | null;
  httpP95: number | null;
}

/** How many messages the fake Graph API accepted, by type (a menu is `interactive`). */
export interface GraphStats {
  type: 'graphStats';
  sent: Record<string, number>;
}

export type RoutingDriverCommand = GraphCommand | TargetCommand | ScriptCommand | StepCommand | { type: 'graphStats' } | { type: 'stop' };
