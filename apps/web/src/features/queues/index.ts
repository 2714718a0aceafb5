export { useQueueList } from './queuesApi.js';
