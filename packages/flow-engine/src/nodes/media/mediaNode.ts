import { z } from 'zod';
import type { Effect } from '../../engine/effects.js';
import { renderTemplate } from '../../text/renderTemplate.js';
import { defineNode, next } from '../defineNode.js';

export const mediaNode = defineNode({
  type: 'media',
  schema: z.object({
    kind: z.enum(['image', 'video', 'audio', 'document']),
    source: z.union([z.object({ libraryId: z.string().min(1) }), z.object({ url: z.url() })]),
    caption: z.string().optional(),
  }),
  editor: { label: { 'pt-BR': 'Mídia', en: 'Media' }, group: 'message' },
  outputs: () => ['next'],
  execute: ({ data, variables, contact }) => {
    const effect: Effect = { type: 'sendMedia', kind: data.kind, source: data.source };
    if (data.caption) effect.caption = renderTemplate(data.caption, variables, contact.fields);
    return next('next', [effect]);
  },
});
