import { z } from 'zod';

/** `/:id` of any tenant row: a positive safe integer, or a 400 that names `id`. */
export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
