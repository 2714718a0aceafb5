import { z } from 'zod';

/** Where a CSV column goes: a contact field, its tags, one custom field (by key), or nowhere. */
export const importTargetSchema = z.union([
  z.enum(['name', 'phone', 'email', 'tags', 'ignore']),
  z.string().regex(/^customField:[A-Za-z0-9_-]{1,64}$/, 'must be name, phone, email, tags, ignore or customField:<key>'),
]);
export type ImportTarget = z.infer<typeof importTargetSchema>;

/** Header of the CSV → target; every header of the file should appear, unmapped ones count as `ignore`. */
export const importMappingSchema = z.record(z.string().max(200), importTargetSchema);
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importCustomFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'date', 'choice']),
  options: z.array(z.string()),
});

export const importPreviewSchema = z.object({
  delimiter: z.enum([',', ';']),
  headers: z.array(z.string()),
  /** The first rows after the header, as text. */
  rows: z.array(z.array(z.string())),
  suggestedMapping: importMappingSchema,
  customFields: z.array(importCustomFieldSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const contactImportSchema = z.object({
  id: z.number(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string().nullable(),
  /** Data rows in the file (0 until the job has counted them). */
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  /** Rows whose number already appeared earlier in the same file. */
  duplicates: z.number(),
  rejected: z.number(),
  processed: z.number(),
  /** 0…1 */
  progress: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ContactImport = z.infer<typeof contactImportSchema>;
