import type { PendingAnnouncement } from '@jimmy/contracts';

declare module '../../infra/events.js' {
  interface DomainEvents {
    /** Posted: each recipient's own room hears it (nobody else, not even the author). */
    'announcement.created': { companyId: number; recipientIds: number[]; announcement: PendingAnnouncement };
    /** A recipient's first acknowledgement: the author and the company's admins hear it. */
    'announcement.acked': {
      companyId: number;
      authorId: number | null;
      announcementId: number;
      userId: number;
      name: string;
      ackedAt: string;
    };
    /** No longer pending for anyone: recipients drop the banner, the author and admins update their list. */
    'announcement.archived': { companyId: number; authorId: number | null; announcementId: number; recipientIds: number[] };
  }
}
