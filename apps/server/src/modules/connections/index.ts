export { ConnectionsService } from './connections.service.js';
export { connectionsRoutes } from './connections.routes.js';
export { CloudTransport } from './cloud.transport.js';
export { Transports } from './transports.js';
export {
  NotOwnerError,
  type ConnectionRow,
  type NodeWork,
  type Outgoing,
  type QrSessions,
  type Recipient,
  type RoutedWork,
  type Transport,
  type TransportCapabilities,
} from './transport.js';
