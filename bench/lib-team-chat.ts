/** The IPC protocol between bench/team-chat.ts and bench/team-chat-driver.ts, importable by both without side effects. */

export interface ChatUser {
  userId: number;
  token: string;
}

export interface ChatConversation {
  id: number;
  kind: 'group' | 'direct';
  memberIds: number[];
}

/** Opens one socket per user (and one for the ping baseline); answered with `connected`. */
export interface ConnectCommand {
  type: 'connect';
  /** One or two servers (two share the database and Redis); users alternate between them. */
  baseUrls: string[];
  users: ChatUser[];
  /** Users of another company: whatever they receive of this run is a leak. */
  outsiders: ChatUser[];
}

export interface Connected {
  type: 'connected';
  sockets: number;
  seconds: number;
}

/** Posts `rate` messages per second for `seconds`, open-loop, and waits `settleMs` for late deliveries. */
export interface RunCommand {
  type: 'run';
  runId: string;
  conversations: ChatConversation[];
  rate: number;
  seconds: number;
  /** Every n-th message goes to a 1:1 conversation instead of a group (0: never). */
  directEvery: number;
  /** Every n-th message carries a `#ticket` chip (resolved per reader, so sent per member room); 0: none. */
  refEvery: number;
  refTicketId: number;
  /** After the last POST, delivery waits end once none arrived for this long (at most a minute). */
  settleMs: number;
  maxInFlight: number;
}

export interface Distribution {
  n: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface RunReport {
  type: 'runDone';
  intended: number;
  posted: number;
  shed: number;
  postErrors: Record<string, number>;
  achievedPerSecond: number;
  /** Member deliveries expected (every member but the author, per message answered 201) and received. */
  expected: number;
  delivered: number;
  lost: number;
  lastDeliveryAfterLastPostMs: number;
  duplicates: number;
  /** Deliveries to a non-member or another company's user: must be 0. */
  leaked: number;
  authorEchoes: number;
  /** From just before the POST to each member socket's `chat.message`. */
  delivery: Distribution;
  deliveryGroups: Distribution;
  deliveryDirect: Distribution;
  /** With two servers: the member's socket on the node that took the POST, or on the other one (through Redis). */
  deliverySameNode: Distribution;
  deliveryCrossNode: Distribution;
  /** The POST's own round trip. */
  post: Distribution;
  /** Socket.IO ping round trip on a spare socket during the run, 10 per second. */
  pingDuringRun: Distribution;
  /** Same ping before the run, nothing else happening. */
  pingIdle: Distribution;
  /** GET /api/me at the same rate, before the run: the server's plainest authenticated request on this machine now. */
  httpBaseline: Distribution;
  /** Wall clock (ms) of the first POST and of the last answer. */
  postingWindow: { from: number; to: number };
}

export type TeamChatDriverCommand = ConnectCommand | RunCommand | { type: 'stop' };
