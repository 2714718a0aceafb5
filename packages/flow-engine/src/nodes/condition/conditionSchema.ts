import { z } from 'zod';

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('variable'), name: z.string().min(1) }),
  z.object({ kind: z.literal('contactField'), name: z.string().min(1) }),
  z.object({ kind: z.literal('tags') }),
  z.object({ kind: z.literal('message') }),
  /** The company's local time as "HH:mm" (compare with greater / less). */
  z.object({ kind: z.literal('time') }),
]);

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
}

const ruleSchema = z
  .object({
    source: sourceSchema,
    operator: z.enum(['equals', 'contains', 'regex', 'greater', 'less', 'empty']),
    // Bounded: a regex runs against customer text inside the runner's transaction.
    value: z.string().max(200).default(''),
    negate: z.boolean().default(false),
  })
  .refine((rule) => rule.operator !== 'regex' || compiles(rule.value), { message: 'invalid regular expression', path: ['value'] });

export type ConditionRule = z.infer<typeof ruleSchema>;

const matchSchema = z.enum(['all', 'any']);

export const conditionSchema = z.object({
  /** How groups combine (all = AND, any = OR); each group combines its rules the same way. */
  match: matchSchema.default('all'),
  groups: z.array(z.object({ match: matchSchema.default('all'), rules: z.array(ruleSchema).min(1) })).min(1),
});
