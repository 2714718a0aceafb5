import { z } from 'zod';

/** The one error body every failing `/api` route answers with (API-CONTRACT.md, "Errors"). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** Structured extras, e.g. `problems` (FlowProblemDto[]) of 422 FLOW_INVALID on publish. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
