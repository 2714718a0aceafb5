/** The IPC protocol between bench/ingest.ts and its forked load driver, importable by both without side effects. */
/** The benchmarks' Cloud API number; the load drivers sign with its app secret. */
export const BENCH_CLOUD = {
  phoneNumberId: 'PNID_BENCH',
  wabaId: 'WABA_BENCH',
  accessToken: 'EAAG-bench-token',
  appSecret: 'bench-app-secret',
  verifyToken: 'bench-verify-token',
};

export interface DriverConfig {
  type: 'config';
  baseUrl: string;
  appSecret: string;
  phoneNumberId: string;
  wabaId: string;
  runId: string;
  customers: number;
  maxInFlight: number;
}

export interface StepCommand {
  type: 'step';
  stepId: string;
  rate: number;
  durationMs: number;
}

export interface StepReport {
  type: 'stepDone';
  stepId: string;
  rate: number;
  intended: number;
  sent: number;
  shed: number;
  acked: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Sequence numbers of the messages answered 200: the zero-loss check looks exactly these up. */
  ackedSeqs: number[];
  /** From the first due time to the last answer, so a backlog drained after the schedule counts against the rate. */
  elapsedMs: number;
  httpP50: number | null;
  httpP99: number | null;
  bodyBytes: number;
}

export type DriverCommand = DriverConfig | StepCommand | { type: 'stop' };

export function wamidFor(runId: string, stepId: string, seq: number): string {
  return `wamid.B${runId}S${stepId}N${seq}`;
}

/** The wall-clock send time rides in the text, so the receiver needs no side channel to measure latency. */
export const SEND_TIME_PATTERN = /^\[t=(\d+(?:\.\d+)?)\]/;
