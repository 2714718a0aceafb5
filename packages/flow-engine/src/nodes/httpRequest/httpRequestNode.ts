import { z } from 'zod';
import type { Effect } from '../../engine/effects.js';
import { asVariableText, readJsonPath } from '../../text/readJsonPath.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode, next } from '../defineNode.js';

// A value placed inside a JSON string literal: quotes and newlines escaped, no surrounding quotes.
const jsonStringContent = (value: string): string => JSON.stringify(value).slice(1, -1);

/**
 * The engine only describes the call. The server performs it behind its SSRF guard (private and
 * loopback addresses refused unless the operator allows them), enforces the timeout, and answers
 * with an `effectResult` whose `data` is the parsed JSON body.
 */
export const httpRequestNode = defineNode({
  type: 'httpRequest',
  schema: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** A template; each variable is URL-encoded. */
    url: z.string().min(1),
    headers: z.array(z.object({ name: z.string().min(1), value: z.string() })).default([]),
    /** A JSON template; each variable is escaped as JSON string content, so write "{{name}}" in quotes. */
    body: z.string().optional(),
    timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
    /** `$.customer.name` → variable. */
    mappings: z.array(z.object({ path: z.string().min(1), variable: z.string().min(1) })).default([]),
  }),
  editor: { label: { 'pt-BR': 'Requisição HTTP', en: 'HTTP request' }, group: 'integration' },
  outputs: () => ['success', 'error'],
  execute: ({ data, variables, contact, token }) => {
    const render = (template: string, encode?: (value: string) => string): string =>
      renderTemplate(template, variables, contact.fields, encode);
    const effect: Effect = {
      type: 'httpRequest',
      requestId: token,
      method: data.method,
      url: render(data.url, encodeURIComponent),
      headers: Object.fromEntries(data.headers.map((header) => [header.name, render(header.value)])),
      timeoutMs: data.timeoutMs,
    };
    if (data.body !== undefined && data.method !== 'GET') effect.body = render(data.body, jsonStringContent);
    return { effects: [effect], then: { kind: 'wait', waiting: { for: 'effectResult', requestId: token } } };
  },
  resume: ({ data, nodeId }, event) => {
    if (event.type !== 'effectResult') return next('error');
    if (!event.result.ok)
      return next('error', [{ type: 'log', level: 'warn', nodeId, message: `HTTP request failed: ${event.result.error}` }]);
    const result = event.result;
    const variables = Object.fromEntries(
      data.mappings.map((mapping) => [mapping.variable, asVariableText(readJsonPath(result.data, mapping.path))]),
    );
    const effects: Effect[] = Object.entries(variables).map(([name, value]) => ({ type: 'setVariable', name, value }));
    return next('success', effects, { variables });
  },
});
