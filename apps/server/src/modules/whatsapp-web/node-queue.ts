import type { RoutedWork } from '../connections/index.js';

/**
 * Work that needs a QR connection's socket goes to the queue of the node that owns it. Each server
 * process works its own queue; a command for a connection that moved is forwarded again.
 */
export type NodeCommand =
  | RoutedWork
  | { op: 'pair'; connectionId: number; companyId: number; phoneNumber: string }
  | { op: 'logout'; connectionId: number; companyId: number }
  | { op: 'restart'; connectionId: number; companyId: number };

export type NodeQueueName = `wa-web.node.${string}`;

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    [queue: NodeQueueName]: NodeCommand;
  }
}

export const nodeQueue = (nodeId: string): NodeQueueName => `wa-web.node.${nodeId}`;
