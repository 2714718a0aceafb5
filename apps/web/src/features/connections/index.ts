export { useConnections, useLiveConnectionUpdates, useQueues } from './connectionsApi.js';
