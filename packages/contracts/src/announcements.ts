import { z } from 'zod';

/** Company announcements (Comunicados): staff-to-staff notices, never mixed with customer messages. */
const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => v.trim().length > 0, 'cannot be empty');
const entityId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ANNOUNCEMENT_TITLE_MAX = 120;
export const ANNOUNCEMENT_BODY_MAX = 4000;
export const ANNOUNCEMENT_USERS_MAX = 500;

/** Who receives it, resolved to users when it is posted (later members of a queue do not get it). */
export const announcementAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('queue'), queueId: entityId }),
  z.object({ kind: z.literal('users'), userIds: z.array(entityId).min(1, 'choose at least one person').max(ANNOUNCEMENT_USERS_MAX) }),
]);
export type AnnouncementAudience = z.infer<typeof announcementAudienceSchema>;

export const createAnnouncementRequestSchema = z.object({
  title: nonBlank(ANNOUNCEMENT_TITLE_MAX),
  body: nonBlank(ANNOUNCEMENT_BODY_MAX),
  audience: announcementAudienceSchema,
  /** After this moment it stops showing as pending (acknowledged or not); must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type CreateAnnouncementRequest = z.infer<typeof createAnnouncementRequestSchema>;

/** As stored: a deleted queue leaves `queueId` null (its recipients were fixed when it was posted). */
const storedAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('queue'), queueId: z.number().int().nullable() }),
  z.object({ kind: z.literal('users'), userIds: z.array(z.number().int()) }),
]);
export type StoredAnnouncementAudience = z.infer<typeof storedAudienceSchema>;

const person = z.object({ id: z.number().int(), name: z.string() });

/** The sender's / manager's view: counts of who received, opened and acknowledged it. */
export const announcementSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  audience: storedAudienceSchema,
  /** The queue's name when `audience.kind` is `queue` (null if the queue was deleted since). */
  queueName: z.string().nullable(),
  author: person.nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  recipientCount: z.number().int(),
  seenCount: z.number().int(),
  ackCount: z.number().int(),
});
export type Announcement = z.infer<typeof announcementSchema>;
export const announcementListSchema = z.object({ items: z.array(announcementSchema) });
export type AnnouncementList = z.infer<typeof announcementListSchema>;

/** What a recipient sees in the banner (no counts, no list of other recipients). */
export const pendingAnnouncementSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  author: person.nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  seenAt: z.string().nullable(),
});
export type PendingAnnouncement = z.infer<typeof pendingAnnouncementSchema>;
export const pendingAnnouncementListSchema = z.object({ items: z.array(pendingAnnouncementSchema) });
export type PendingAnnouncementList = z.infer<typeof pendingAnnouncementListSchema>;

export const announcementAckSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  seenAt: z.string().nullable(),
  ackedAt: z.string().nullable(),
});
export type AnnouncementAck = z.infer<typeof announcementAckSchema>;
export const announcementAckListSchema = z.object({ items: z.array(announcementAckSchema) });
export type AnnouncementAckList = z.infer<typeof announcementAckListSchema>;

export const announcementListQuerySchema = z.object({
  /** `true`: archived ones too (newest first either way). */
  archived: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface AnnouncementAckedEvent {
  announcementId: number;
  userId: number;
  name: string;
  ackedAt: string;
}
