import type { LeadMapping } from '@jimmy/contracts';

/** What a payload field can fill: a contact field, the tags, or a custom field (`customField:<key>`). */
export type Target = 'ignore' | 'name' | 'phone' | 'email' | 'tags' | `customField:${string}`;

const SINGLE = ['name', 'phone', 'email', 'tags'] as const;

export function targetOf(mapping: LeadMapping, path: string): Target {
  for (const key of SINGLE) if (mapping[key] === path) return key;
  const custom = Object.entries(mapping.customFields).find(([, p]) => p === path);
  return custom ? `customField:${custom[0]}` : 'ignore';
}

/** The mapping with `path` used as `target` (and no longer as anything else; a target holds one path). */
export function assign(mapping: LeadMapping, path: string, target: Target): LeadMapping {
  const next: LeadMapping = { ...mapping, customFields: { ...mapping.customFields } };
  for (const key of SINGLE) if (next[key] === path) next[key] = null;
  for (const [key, p] of Object.entries(next.customFields)) if (p === path) delete next.customFields[key];
  if (target === 'ignore') return next;
  if (target.startsWith('customField:')) next.customFields[target.slice('customField:'.length)] = path;
  else next[target as (typeof SINGLE)[number]] = path;
  return next;
}
