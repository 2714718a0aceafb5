import type { Ticket } from '@jimmy/contracts';
import type { TicketAudience } from '../../infra/events.js';

export const audienceOf = (t: Pick<Ticket, 'queueId' | 'userId' | 'status'>): TicketAudience => ({
  queueId: t.queueId,
  userId: t.userId,
  status: t.status,
});
