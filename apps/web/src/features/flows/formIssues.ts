import type { z } from 'zod';

/** A schema complaint about one field, in terms the form translates (never zod's English). */
export interface FieldIssue {
  kind: 'required' | 'tooShort' | 'tooLong' | 'tooSmall' | 'tooBig' | 'url' | 'invalid' | 'custom';
  limit?: number;
  /** The engine's own wording for refinements ("choose a queue or an agent"): translated by lookup. */
  message: string;
}

function issueOf(issue: z.core.$ZodIssue, value: unknown): FieldIssue {
  const message = issue.message;
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string' || issue.origin === 'array') {
        return limit <= 1 ? { kind: 'required', message } : { kind: 'tooShort', limit, message };
      }
      return { kind: 'tooSmall', limit, message };
    }
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { kind: 'tooLong', limit: Number(issue.maximum), message }
        : { kind: 'tooBig', limit: Number(issue.maximum), message };
    case 'invalid_type':
      return value === undefined ? { kind: 'required', message } : { kind: 'invalid', message };
    case 'invalid_format':
      return issue.format === 'url' ? { kind: 'url', message } : { kind: 'invalid', message };
    case 'custom':
      return { kind: 'custom', message };
    default:
      return { kind: 'invalid', message };
  }
}

/** The first issue per field path ("options.1.label"), so each input shows its own error inline. */
export function issuesByField(schema: z.ZodType, data: unknown): Record<string, FieldIssue> {
  const result = schema.safeParse(data);
  if (result.success) return {};
  const out: Record<string, FieldIssue> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const key = path.join('.');
    if (out[key]) continue;
    let value: unknown = data;
    for (const part of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    out[key] = issueOf(issue, value);
  }
  return out;
}
