/**
 * The survey's domain event, merged into the bus's event map here (as job payloads are in
 * infra/jobs.ts) so the module owns its event. The realtime gateway turns it into the socket event.
 */
declare module '../../infra/events.js' {
  interface DomainEvents {
    /** A customer rated the service 1 or 2: the queue's supervisors and the admins hear it live. */
    'survey.low-score': {
      companyId: number;
      ticketId: number;
      queueId: number | null;
      userId: number | null;
      score: number;
      comment: string | null;
      contactName: string;
    };
  }
}

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** At the survey's expiry: a reply after it opens a normal ticket. */
    'surveys.expire': { surveyId: number };
  }
}

export {};
